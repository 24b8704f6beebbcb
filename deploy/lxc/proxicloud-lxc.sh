#!/usr/bin/env bash
# ProxiCloud in its own LXC container, in the style of the Proxmox VE community helper scripts.
# Run as root on a Proxmox VE host:
#   bash -c "$(curl -fsSL https://github.com/proxicloud/proxicloud/releases/latest/download/proxicloud-lxc.sh)"
# It creates a small unprivileged Debian 12 container with pct, installs ProxiCloud in it with
# install.sh, and (when asked) creates the Proxmox API token on this host and configures the console.
# The release is fetched and its checksum verified here, on the host; the host runs only scripts
# from that verified copy, never one taken out of the container (L-10), and its temporary files
# live in a private mktemp directory.
set -euo pipefail

RELEASE_BASE=${PROXICLOUD_RELEASE_BASE:-https://github.com/proxicloud/proxicloud/releases}

usage() {
  cat <<'EOF'
Usage: proxicloud-lxc.sh [options]

  --ctid N                container id (default: the next free id)
  --hostname NAME         default proxicloud
  --storage ID            storage for the root disk (default local-lvm)
  --template-storage ID   storage holding container templates (default local)
  --bridge NAME           network bridge (default vmbr0); the container uses DHCP
  --disk GB / --cores N / --memory MB   default 4 / 2 / 1024
  --port N                console port inside the container (default 8080)
  --version X             ProxiCloud release (default: the latest)
  --tarball FILE          install from a local release tarball (FILE.sha256 beside it)
  --no-token              do not create a Proxmox API token (the console starts in demo mode)
  --non-interactive       never ask
EOF
}

msg() { printf ' \033[1;32m✓\033[0m %s\n' "$*" >&2; }
info() { printf ' \033[1;34m-\033[0m %s\n' "$*" >&2; }
die() { printf ' \033[1;31m✗\033[0m %s\n' "$*" >&2; exit 1; }

parse_args() {
  CTID='' CT_HOSTNAME=proxicloud STORAGE=local-lvm TEMPLATE_STORAGE=local BRIDGE=vmbr0 DISK=4
  CORES=2 MEMORY=1024 PORT=8080 VERSION='' TARBALL='' TOKEN=1 INTERACTIVE=1
  while [ $# -gt 0 ]; do
    case "$1" in
      --ctid) CTID=${2:?}; shift 2 ;;
      --hostname) CT_HOSTNAME=${2:?}; shift 2 ;;
      --storage) STORAGE=${2:?}; shift 2 ;;
      --template-storage) TEMPLATE_STORAGE=${2:?}; shift 2 ;;
      --bridge) BRIDGE=${2:?}; shift 2 ;;
      --disk) DISK=${2:?}; shift 2 ;;
      --cores) CORES=${2:?}; shift 2 ;;
      --memory) MEMORY=${2:?}; shift 2 ;;
      --port) PORT=${2:?}; shift 2 ;;
      --version) VERSION=${2:?}; shift 2 ;;
      --tarball) TARBALL=$(realpath -ms "${2:?}"); shift 2 ;;
      --no-token) TOKEN=0; shift ;;
      --non-interactive) INTERACTIVE=0; shift ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; die "unknown option: $1" ;;
    esac
  done
  [ -t 0 ] || INTERACTIVE=0
}

check_host() {
  [ "$(id -u)" = 0 ] || die "run as root on the Proxmox VE host"
  if ! command -v pct >/dev/null || ! command -v pveam >/dev/null; then
    die "pct/pveam not found: not a Proxmox VE host"
  fi
  if [ -n "$TARBALL" ]; then
    [ -f "$TARBALL" ] || die "no such file: $TARBALL"
    [ -f "$TARBALL.sha256" ] || die "missing $TARBALL.sha256"
  fi
  command -v sha256sum >/dev/null || die "sha256sum is required"
  CTID=${CTID:-$(pvesh get /cluster/nextid)}
  if pct status "$CTID" >/dev/null 2>&1; then die "container $CTID exists already"; fi
}

confirm_settings() {
  info "container $CTID '$CT_HOSTNAME': Debian 12, $CORES cores, $MEMORY MiB, ${DISK} GB on $STORAGE, $BRIDGE (DHCP)"
  [ "$INTERACTIVE" = 1 ] || return 0
  local answer
  read -r -p ' Create it? [Y/n] ' answer
  case "$answer" in [nN]*) die "nothing created" ;; esac
}

# The newest Debian 12 standard template, downloaded to the template storage when missing.
ensure_template() {
  local name
  pveam update >/dev/null || info "pveam update failed; using the cached template index"
  name=$(pveam available --section system | awk '$2 ~ /^debian-12-standard_/ {print $2}' | sort -V | tail -n 1)
  [ -n "$name" ] || die "no debian-12-standard template in the appliance index"
  if ! pveam list "$TEMPLATE_STORAGE" | grep -q "$name"; then
    info "downloading $name to $TEMPLATE_STORAGE"
    pveam download "$TEMPLATE_STORAGE" "$name" >/dev/null
  fi
  TEMPLATE="$TEMPLATE_STORAGE:vztmpl/$name"
  msg "template $TEMPLATE"
}

create_container() {
  pct create "$CTID" "$TEMPLATE" --hostname "$CT_HOSTNAME" --ostype debian --unprivileged 1 \
    --cores "$CORES" --memory "$MEMORY" --swap 512 --rootfs "$STORAGE:$DISK" \
    --net0 "name=eth0,bridge=$BRIDGE,ip=dhcp" --features nesting=1 --onboot 1 \
    --tags proxicloud --description 'ProxiCloud console' >/dev/null
  pct start "$CTID"
  msg "container $CTID created and started"
  local i
  for i in $(seq 1 60); do
    CT_IP=$(pct exec "$CTID" -- hostname -I 2>/dev/null | awk '{print $1}') || true
    [ -z "$CT_IP" ] || break
    sleep 1
  done
  [ -n "$CT_IP" ] || die "container $CTID got no IP address from DHCP on $BRIDGE (waited ${i}s)"
  msg "container address $CT_IP"
}

download() {
  curl -fsSL --retry 3 -o "$2" "$1" || die "download failed: $1"
}

# The release tarball on the host, checksum verified: --tarball, or downloaded like install.sh does.
fetch_release() {
  if [ -z "$TARBALL" ]; then
    command -v curl >/dev/null || die "curl is required to download (or use --tarball FILE)"
    local arch name
    case "$(uname -m)" in
      x86_64 | amd64) arch=amd64 ;;
      aarch64 | arm64) arch=arm64 ;;
      *) die "unsupported architecture $(uname -m)" ;;
    esac
    if [ -z "$VERSION" ]; then
      download "$RELEASE_BASE/latest/download/VERSION" "$WORK/VERSION"
      VERSION=$(tr -d '[:space:]' <"$WORK/VERSION")
    fi
    VERSION=${VERSION#v}
    name="proxicloud-$VERSION-linux-$arch.tar.gz"
    info "downloading $name"
    download "$RELEASE_BASE/download/v$VERSION/$name" "$WORK/$name"
    download "$RELEASE_BASE/download/v$VERSION/$name.sha256" "$WORK/$name.sha256"
    TARBALL="$WORK/$name"
  fi
  local expected actual
  expected=$(awk '{print $1; exit}' "$TARBALL.sha256")
  actual=$(sha256sum "$TARBALL" | awk '{print $1}')
  if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then die "checksum mismatch for $TARBALL"; fi
  msg "checksum verified ($actual)"
  # install.sh and setup-token.sh as this verified release ships them
  local release
  release=$(basename "$TARBALL" .tar.gz)
  tar -xzf "$TARBALL" -C "$WORK" --no-same-owner \
    "$release/deploy/install.sh" "$release/deploy/scripts/setup-token.sh" ||
    die "$TARBALL is not a ProxiCloud release"
  SCRIPTS="$WORK/$release/deploy"
}

# The console listens on every interface of the container: its loopback is unreachable from
# outside, and the container is the isolation boundary. The container installs the same verified
# tarball (offline, so install.sh checks it again there).
install_in_container() {
  local name
  name=$(basename "$TARBALL")
  info "installing packages and ProxiCloud inside the container"
  pct exec "$CTID" -- bash -c 'apt-get update -qq && apt-get install -y -qq curl ca-certificates >/dev/null'
  pct push "$CTID" "$TARBALL" "/root/$name"
  pct push "$CTID" "$TARBALL.sha256" "/root/$name.sha256"
  pct push "$CTID" "$SCRIPTS/install.sh" /root/install.sh
  pct exec "$CTID" -- bash /root/install.sh --listen 0.0.0.0 --port "$PORT" --non-interactive \
    --tarball "/root/$name"
}

# The host is a PVE node: create the token here and hand the config lines to the container.
configure_token() {
  [ "$TOKEN" = 1 ] || return 0
  if [ "$INTERACTIVE" = 1 ]; then
    local answer
    read -r -p ' Create a proxicloud@pve API token on this host and configure the console? [Y/n] ' answer
    case "$answer" in [nN]*) return 0 ;; esac
  fi
  local lines host_ip
  host_ip=$(ip -4 route get "$CT_IP" | awk '{for (i = 1; i < NF; i++) if ($i == "src") print $(i + 1)}')
  # the host's verified copy: the container's root must not choose what runs as the host's root
  lines=$(bash "$SCRIPTS/scripts/setup-token.sh" --url "https://${host_ip:-$(hostname -f)}:8006") ||
    die "setup-token.sh failed; the console stays in demo mode"
  printf '\n%s\n' "$lines" | pct exec "$CTID" -- tee -a /etc/proxicloud/config.yaml >/dev/null
  pct exec "$CTID" -- systemctl restart proxicloud
  msg "API token created; the console talks to this Proxmox VE"
}

main() {
  parse_args "$@"
  check_host
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/proxicloud-lxc.XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
  fetch_release
  confirm_settings
  ensure_template
  create_container
  install_in_container
  configure_token
  printf '\n \033[1;32mProxiCloud is ready:\033[0m http://%s:%s/\n' "$CT_IP" "$PORT"
  printf ' Container %s (%s). Shell: pct enter %s. Logs: journalctl -u proxicloud\n' \
    "$CTID" "$CT_HOSTNAME" "$CTID"
}

main "$@"
