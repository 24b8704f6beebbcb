#!/usr/bin/env bash
# Tests deploy/lxc/proxicloud-lxc.sh against fake pct, pveam and pvesh that record their calls:
# the container it creates, the offline install it runs inside, and the token hand-over. L-10: the
# host verifies the release and runs only its own copy of its scripts, and writes no fixed /tmp name.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/proxicloud-lxc-test.XXXXXX")
# a container id no real container uses, for the predictable-name check
TRAP_CTID=$((900000 + RANDOM))
cleanup() {
  [ -z "${MIRROR_PID:-}" ] || kill "$MIRROR_PID" 2>/dev/null || true
  rm -f "/tmp/proxicloud-install-$TRAP_CTID.sh"
  rm -rf "$T"
}
trap cleanup EXIT

# shellcheck source=deploy/test/lib.sh
. "$ROOT/deploy/test/lib.sh"

make_fakes() {
  mkdir -p "$T/bin" "$T/ct"
  cat >"$T/bin/pct" <<EOF
#!/usr/bin/env bash
echo "pct \$*" >>"$T/calls"
case "\$1 \${4:-}" in
  'status '*) exit 1 ;;
  'exec hostname') echo '192.0.2.50' ;;
  'exec tee') cat >>"$T/ct/config.yaml" ;;
  # what a container's root could put there: the host must never run it
  'pull '*) cp "$T/container-setup-token.sh" "\$4" ;;
  'push '*) [ "\$4" != /root/install.sh ] || cp "\$3" "$T/ct/install.sh" ;;
esac
EOF
  cat >"$T/bin/pveam" <<EOF
#!/usr/bin/env bash
echo "pveam \$*" >>"$T/calls"
case "\$1" in
  available) printf 'system          debian-12-standard_12.2-1_amd64.tar.zst\nsystem          debian-12-standard_12.7-1_amd64.tar.zst\nsystem          alpine-3.20-default_20240908_amd64.tar.xz\n' ;;
  list) echo 'NAME SIZE' ;;
esac
EOF
  cat >"$T/container-setup-token.sh" <<EOF
#!/usr/bin/env bash
echo "container script ran as \$(id -un)" >>"$T/calls"
printf 'pve:\n  url: https://evil.example:8006\n'
EOF
  printf '#!/usr/bin/env bash\necho 123\n' >"$T/bin/pvesh"
  printf '#!/usr/bin/env bash\necho "192.0.2.50 via 192.0.2.1 dev vmbr0 src 192.0.2.10 uid 0"\n' \
    >"$T/bin/ip"
  chmod +x "$T/bin/"*
}

# A stand-in release tarball: the helper reads deploy/install.sh and setup-token.sh from it.
make_tarball() {
  local name=proxicloud-0.1.0-linux-amd64
  mkdir -p "$T/rel/$name/deploy/scripts"
  echo "# install.sh of the release $RANDOM" >"$T/rel/$name/deploy/install.sh"
  cat >"$T/rel/$name/deploy/scripts/setup-token.sh" <<EOF
#!/usr/bin/env bash
echo "setup-token \$*" >>"$T/calls"
printf 'pve:\n  url: %s\n' "\$2"
EOF
  tar -C "$T/rel" -czf "$T/$name.tar.gz" "$name"
  (cd "$T" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
  TARBALL="$T/$name.tar.gz"
}

run_helper() {
  : >"$T/calls"
  rm -rf "$T/ct" "$T/tmp"
  mkdir -p "$T/ct" "$T/tmp"
  PATH="$T/bin:$PATH" TMPDIR="$T/tmp" bash "$ROOT/deploy/lxc/proxicloud-lxc.sh" \
    --non-interactive "$@" </dev/null >"$T/out" 2>"$T/err"
}

# The install.sh pushed into the container is the one of the verified release.
pushed_release_install_sh() {
  cmp -s "$T/ct/install.sh" "$T/rel/proxicloud-0.1.0-linux-amd64/deploy/install.sh" ||
    fail 'the install.sh pushed into the container is not the release one'
}

called() { grep -qxF -- "$1" "$T/calls" || fail "expected call: $1"; }

test_creates_and_installs() {
  step 'creates a container and installs the tarball in it'
  run_helper --no-token --tarball "$TARBALL"
  called 'pveam download local debian-12-standard_12.7-1_amd64.tar.zst'
  called "pct create 123 local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst --hostname proxicloud --ostype debian --unprivileged 1 --cores 2 --memory 1024 --swap 512 --rootfs local-lvm:4 --net0 name=eth0,bridge=vmbr0,ip=dhcp --features nesting=1 --onboot 1 --tags proxicloud --description ProxiCloud console"
  called 'pct start 123'
  called "pct push 123 $TARBALL /root/$(basename "$TARBALL")"
  called "pct push 123 $TARBALL.sha256 /root/$(basename "$TARBALL").sha256"
  pushed_release_install_sh
  called "pct exec 123 -- bash /root/install.sh --listen 0.0.0.0 --port 8080 --non-interactive --tarball /root/$(basename "$TARBALL")"
  if grep -q 'setup-token' "$T/calls"; then fail '--no-token still created a token'; fi
  grep -q 'http://192.0.2.50:8080/' "$T/out" || fail "no URL in the output: $(cat "$T/out")"
  echo 'ok - container created, release installed, URL printed'
}

test_hands_the_token_over() {
  step 'creates the Proxmox token on the host and configures the console'
  run_helper --ctid 200 --port 9000 --tarball "$TARBALL"
  called 'setup-token --url https://192.0.2.10:8006'
  grep -qx '  url: https://192.0.2.10:8006' "$T/ct/config.yaml" || fail 'config lines not written'
  called 'pct exec 200 -- systemctl restart proxicloud'
  echo 'ok - token created with the host address and written into the container'
  if grep -q 'container script ran' "$T/calls"; then
    fail 'the host ran a setup-token.sh taken out of the container (L-10)'
  fi
  if grep -q '^pct pull' "$T/calls"; then fail 'the host pulled a script out of the container'; fi
  echo "ok - the host ran the release's own setup-token.sh, nothing from the container"
}

test_no_predictable_tmp_file() {
  step 'writes no file under a predictable /tmp name (L-10)'
  ln -sfn "$T/victim" "/tmp/proxicloud-install-$TRAP_CTID.sh"
  run_helper --ctid "$TRAP_CTID" --no-token --tarball "$TARBALL"
  [ ! -e "$T/victim" ] || fail "the helper wrote through /tmp/proxicloud-install-$TRAP_CTID.sh"
  echo 'ok - nothing written through the predictable name'
  assert_eq "$(find "$T/tmp" -mindepth 1 | wc -l)" 0 'its private temporary directory is removed'
}

test_refuses_a_bad_checksum() {
  step 'refuses a tarball whose checksum does not match, before creating anything'
  mkdir -p "$T/bad"
  cp "$TARBALL" "$T/bad/"
  echo "$(printf '0%.0s' {1..64})  $(basename "$TARBALL")" >"$T/bad/$(basename "$TARBALL").sha256"
  if run_helper --no-token --tarball "$T/bad/$(basename "$TARBALL")"; then
    fail 'the helper accepted a wrong checksum'
  fi
  grep -q 'checksum mismatch' "$T/err" || fail "unexpected error: $(cat "$T/err")"
  if grep -q '^pct create' "$T/calls"; then fail 'a container was created'; fi
  echo 'ok - wrong checksum refused on the host, no container created'
}

test_downloads_and_verifies() {
  step 'without --tarball, downloads and verifies the release on the host, then pushes it'
  local port
  port=$(free_port)
  make_mirror "$TARBALL" "$T/mirror"
  serve_dir "$T/mirror" "$port"
  PROXICLOUD_RELEASE_BASE="http://127.0.0.1:$port" run_helper --no-token
  grep -q 'checksum verified' "$T/err" || fail "no checksum check: $(cat "$T/err")"
  grep -Eq "^pct push 123 $T/tmp/[^ ]+/$(basename "$TARBALL") /root/$(basename "$TARBALL")\$" \
    "$T/calls" || fail "the downloaded tarball was not pushed: $(cat "$T/calls")"
  called "pct exec 123 -- bash /root/install.sh --listen 0.0.0.0 --port 8080 --non-interactive --tarball /root/$(basename "$TARBALL")"
  pushed_release_install_sh
  echo 'ok - downloaded, verified and installed offline in the container'
}

main() {
  [ "$(id -u)" = 0 ] || { echo 'lxc helper test: skipped (the helper needs root)'; exit 0; }
  make_fakes
  make_tarball
  test_creates_and_installs
  test_hands_the_token_over
  test_no_predictable_tmp_file
  test_refuses_a_bad_checksum
  test_downloads_and_verifies
  printf '\nlxc helper test: PASS\n'
}

main "$@"
