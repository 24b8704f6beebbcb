#!/usr/bin/env bash
# Runs shellcheck (every severity, so "no warnings" includes style notes) on every shell script of
# the repository: *.sh files and extension-less files whose first line is a sh/bash shebang.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

mapfile -t scripts < <(
  find . \( -name node_modules -o -name .git -o -name dist -o -name .angular -o -name coverage \) \
    -prune -o -type f -print |
    while read -r file; do
      case "${file##*/}" in
        *.sh) echo "$file" ;;
        *.*) ;;
        *) if head -n 1 "$file" | grep -Eq '^#!.*\b(ba)?sh\b'; then echo "$file"; fi ;;
      esac
    done | sort
)
[ "${#scripts[@]}" -gt 0 ] || { echo 'no shell scripts found' >&2; exit 1; }
printf 'shellcheck: %s\n' "${scripts[@]}"
shellcheck -x "${scripts[@]}"
echo "shellcheck: ${#scripts[@]} scripts, no findings"
