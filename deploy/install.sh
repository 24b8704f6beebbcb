#!/usr/bin/env bash
# ProxiCloud installer and upgrader.
#   bash -c "$(curl -fsSL https://github.com/proxicloud/proxicloud/releases/latest/download/install.sh)"
# Run again to upgrade in place: config and data are kept, the database is backed up, migrations
# run at start, and the previous release comes back if the new one fails its health check.
# One file on purpose: the one-liner downloads only this script.
set -euo pipefail
# Program files must be readable by the service user whatever the caller's umask.
umask 022

RELEASE_BASE=${PROXICLOUD_RELEASE_BASE:-https://github.com/proxicloud/proxicloud/releases}
HEALTH_TIMEOUT_S=${PROXICLOUD_HEALTH_TIMEOUT_S:-90}
UNIT_FILE=/etc/systemd/system/proxicloud.service
# The comment of the system user install.sh creates; uninstall.sh --purge deletes only such a user.
USER_MARK='ProxiCloud console (created by install.sh)'
# L-9: the file install.sh puts in the config and data directories it makes; uninstall.sh --purge
# deletes only directories that hold it, and an install takes over no non-empty directory without it.
DIR_MARK=.proxicloud-installer

usage() {
  cat <<'EOF'
Usage: install.sh [options]

  --version X         install release X (default: the latest)
  --tarball FILE      install from a local release tarball (offline); FILE.sha256 must sit beside it
  --prefix DIR        program files (default /opt/proxicloud)
  --config-dir DIR    configuration (default /etc/proxicloud)
  --data-dir DIR      database and state (default /var/lib/proxicloud)
  --port N            HTTP port (default 8080)
  --listen ADDR       address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --user NAME         account the console runs as (default proxicloud, created when missing)
  --no-systemd        do not install or start a systemd service (tests, containers without systemd)
  --non-interactive   never ask; take the defaults
  -h, --help          this help

Without root, only --no-systemd installs are possible: they run as the calling user.
On an upgrade, options not given are taken from the previous install (PREFIX/install.env).
EOF
}

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
warn() { printf '\033[1;33mwarning:\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

parse_args() {
  OPT_PORT='' OPT_LISTEN='' OPT_USER='' OPT_CONFIG_DIR='' OPT_DATA_DIR='' OPT_SYSTEMD=''
  VERSION='' TARBALL='' PREFIX=/opt/proxicloud INTERACTIVE=1
  while [ $# -gt 0 ]; do
    case "$1" in
      --version) VERSION=${2:?--version needs a value}; VERSION=${VERSION#v}; shift 2 ;;
      --tarball) TARBALL=$(realpath -ms "${2:?--tarball needs a file}"); shift 2 ;;
      --prefix) PREFIX=$(realpath -m "${2:?--prefix needs a directory}"); shift 2 ;;
      --config-dir) OPT_CONFIG_DIR=$(realpath -m "${2:?--config-dir needs a directory}"); shift 2 ;;
      --data-dir) OPT_DATA_DIR=$(realpath -m "${2:?--data-dir needs a directory}"); shift 2 ;;
      --port) OPT_PORT=${2:?--port needs a number}; shift 2 ;;
      --listen) OPT_LISTEN=${2:?--listen needs an address}; shift 2 ;;
      --user) OPT_USER=${2:?--user needs a name}; shift 2 ;;
      --no-systemd) OPT_SYSTEMD=0; shift ;;
      --non-interactive) INTERACTIVE=0; shift ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; die "unknown option: $1" ;;
    esac
  done
  [ -t 0 ] || [ -r /dev/tty ] || INTERACTIVE=0
}

# Reads PREFIX/install.env (KEY=VALUE lines written by a previous run) without executing it.
load_previous_install() {
  UPGRADE=0 REC_PORT='' REC_LISTEN='' REC_USER='' REC_CONFIG_DIR='' REC_DATA_DIR='' REC_SYSTEMD=''
  [ -f "$PREFIX/install.env" ] || return 0
  UPGRADE=1
  local key value
  while IFS='=' read -r key value; do
    case "$key" in
      PORT) REC_PORT=$value ;;
      LISTEN) REC_LISTEN=$value ;;
      SERVICE_USER) REC_USER=$value ;;
      CONFIG_DIR) REC_CONFIG_DIR=$value ;;
      DATA_DIR) REC_DATA_DIR=$value ;;
      SYSTEMD) REC_SYSTEMD=$value ;;
    esac
  done <"$PREFIX/install.env"
}

resolve_settings() {
  PORT=${OPT_PORT:-${REC_PORT:-8080}}
  LISTEN=${OPT_LISTEN:-${REC_LISTEN:-127.0.0.1}}
  CONFIG_DIR=${OPT_CONFIG_DIR:-${REC_CONFIG_DIR:-/etc/proxicloud}}
  DATA_DIR=${OPT_DATA_DIR:-${REC_DATA_DIR:-/var/lib/proxicloud}}
  SYSTEMD=${OPT_SYSTEMD:-${REC_SYSTEMD:-1}}
  CONFIG_FILE="$CONFIG_DIR/config.yaml"
  check_own_dir "$CONFIG_DIR" "$REC_CONFIG_DIR" --config-dir
  check_own_dir "$DATA_DIR" "$REC_DATA_DIR" --data-dir
  settings_from_kept_config
  if ! [[ "$PORT" =~ ^[0-9]+$ ]] || [ "$PORT" -lt 1 ] || [ "$PORT" -gt 65535 ]; then
    die "bad --port: $PORT"
  fi
  if [ "$(id -u)" = 0 ]; then
    SVC_USER=${OPT_USER:-${REC_USER:-proxicloud}}
  else
    [ "$SYSTEMD" = 0 ] || die "run as root, or add --no-systemd for an install owned by $(id -un)"
    SVC_USER=$(id -un)
    [ -z "$OPT_USER" ] || [ "$OPT_USER" = "$SVC_USER" ] || die "--user needs root"
  fi
}

# L-9: an existing directory is used only when it is empty, install.sh made it (marker file), or
# the previous install used it (recorded in install.env); never /etc, /var/lib or someone's data.
check_own_dir() {
  local dir=$1 recorded=$2 option=$3
  [ -e "$dir" ] || return 0
  [ -d "$dir" ] || die "$option $dir exists and is not a directory"
  [ "$dir" != "$recorded" ] || return 0
  [ ! -f "$dir/$DIR_MARK" ] || return 0
  [ -n "$(find "$dir" -mindepth 1 -maxdepth 1 -print -quit)" ] || return 0
  die "$option $dir exists, is not empty and was not made by install.sh: give a new or empty directory"
}

# A kept config is what the app will read, so its port and host decide where to check health.
settings_from_kept_config() {
  [ -r "$CONFIG_FILE" ] || return 0
  local port host
  port=$(sed -n 's/^port:[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$CONFIG_FILE" | head -n 1)
  host=$(sed -n "s/^host:[[:space:]]*['\"]\{0,1\}\([^'\" #]*\).*/\1/p" "$CONFIG_FILE" | head -n 1)
  if [ -n "$port" ] && [ "$port" != "$PORT" ]; then
    [ -z "$OPT_PORT" ] || warn "keeping $CONFIG_FILE, which sets port $port (not $OPT_PORT)"
    PORT=$port
  fi
  if [ -n "$host" ] && [ "$host" != "$LISTEN" ]; then
    [ -z "$OPT_LISTEN" ] || warn "keeping $CONFIG_FILE, which sets host $host (not $OPT_LISTEN)"
    LISTEN=$host
  fi
}

check_platform() {
  [ "$(uname -s)" = Linux ] || die "ProxiCloud runs on Linux only"
  case "$(uname -m)" in
    x86_64 | amd64) ARCH=amd64 ;;
    aarch64 | arm64) ARCH=arm64 ;;
    *) die "unsupported architecture $(uname -m): releases exist for amd64 and arm64" ;;
  esac
  local tool
  for tool in tar gzip sha256sum; do command -v "$tool" >/dev/null || die "$tool is required"; done
  if [ "$SYSTEMD" = 1 ] && ! command -v systemctl >/dev/null; then
    die "systemd was not found: use --no-systemd and start $PREFIX/bin/proxicloud yourself"
  fi
}

download() {
  command -v curl >/dev/null || die "curl is required to download (or use --tarball FILE)"
  curl -fsSL --retry 3 -o "$2" "$1" || die "download failed: $1"
}

fetch_release() {
  if [ -n "$TARBALL" ]; then
    [ -f "$TARBALL" ] || die "no such file: $TARBALL"
    [ -f "$TARBALL.sha256" ] || die "checksum file missing: $TARBALL.sha256"
    SHA_FILE="$TARBALL.sha256"
    return
  fi
  local base="$RELEASE_BASE/latest/download"
  if [ -z "$VERSION" ]; then
    download "$base/VERSION" "$WORK/VERSION"
    VERSION=$(tr -d '[:space:]' <"$WORK/VERSION")
  fi
  base="$RELEASE_BASE/download/v$VERSION"
  local name="proxicloud-$VERSION-linux-$ARCH.tar.gz"
  log "downloading $name"
  download "$base/$name" "$WORK/$name"
  download "$base/$name.sha256" "$WORK/$name.sha256"
  TARBALL="$WORK/$name" SHA_FILE="$WORK/$name.sha256"
}

verify_checksum() {
  local expected actual
  expected=$(awk '{print $1; exit}' "$SHA_FILE")
  actual=$(sha256sum "$TARBALL" | awk '{print $1}')
  if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then die "checksum mismatch for $TARBALL"; fi
  log "checksum verified ($actual)"
  case "$(basename "$TARBALL")" in
    proxicloud-*-linux-"$ARCH".tar.gz) ;;
    *) die "$(basename "$TARBALL") is not a linux-$ARCH release" ;;
  esac
  RELEASE_NAME=$(basename "$TARBALL" .tar.gz)
  VERSION=${RELEASE_NAME#proxicloud-}
  VERSION=${VERSION%-linux-"$ARCH"}
}

# Free space where DIR will live: the nearest existing parent decides the file system.
free_kib() {
  local dir=$1
  while [ ! -d "$dir" ]; do dir=$(dirname "$dir"); done
  df -Pk "$dir" | awk 'NR==2 {print $4}'
}

check_disk() {
  local need_kib data_kib
  need_kib=$(($(gzip -l "$TARBALL" | awk 'NR==2 {print $2}') / 1024 + 102400))
  [ "$(free_kib "$PREFIX")" -ge "$need_kib" ] ||
    die "not enough space for $PREFIX: $((need_kib / 1024)) MiB needed"
  data_kib=$(free_kib "$DATA_DIR")
  [ "$data_kib" -ge 262144 ] || warn "less than 256 MiB free for $DATA_DIR (metrics history grows)"
}

# Unpacks beside the releases (same file system, so the final move is a rename).
unpack_release() {
  RELEASE_DIR="$PREFIX/releases/$VERSION-$(date -u +%Y%m%d%H%M%S)"
  [ ! -e "$RELEASE_DIR" ] || RELEASE_DIR="$RELEASE_DIR-$$"
  UNPACK_DIR="$PREFIX/releases/.unpack-$$"
  log "unpacking to $RELEASE_DIR"
  mkdir -p "$UNPACK_DIR"
  tar -xzf "$TARBALL" -C "$UNPACK_DIR" --no-same-owner
  [ -x "$UNPACK_DIR/$RELEASE_NAME/bin/proxicloud-server" ] || die "$TARBALL is not a ProxiCloud release"
  mv "$UNPACK_DIR/$RELEASE_NAME" "$RELEASE_DIR"
  rm -rf "$UNPACK_DIR"
  NODE="$RELEASE_DIR/node/bin/node"
  "$NODE" --version >/dev/null || die "the bundled Node.js does not run on this machine"
}

# The bundled Node.js tries to bind exactly as the app will, so the answer cannot differ.
port_free() {
  "$NODE" -e '
    const s = require("net").createServer();
    s.once("error", () => process.exit(1));
    s.listen(Number(process.argv[1]), process.argv[2], () => s.close(() => process.exit(0)));
  ' "$1" "$2"
}

check_port() {
  if [ "$UPGRADE" = 1 ] && [ "$SYSTEMD" = 1 ] && systemctl is-active --quiet proxicloud; then
    return 0 # our own service holds it; it is stopped just before the switch
  fi
  port_free "$PORT" "$LISTEN" && return 0
  [ "$UPGRADE" = 1 ] && die "port $PORT is in use: stop the running ProxiCloud before upgrading"
  die "port $PORT is in use on $LISTEN: choose another with --port"
}

ensure_user() {
  [ "$(id -u)" = 0 ] || return 0
  if ! id -u "$SVC_USER" >/dev/null 2>&1; then
    log "creating system user $SVC_USER"
    useradd --system --user-group --home-dir "$DATA_DIR" --no-create-home \
      --shell /usr/sbin/nologin --comment "$USER_MARK" "$SVC_USER"
  fi
  SVC_GROUP=$(id -gn "$SVC_USER")
}

# Makes DIR and marks it as install.sh's before anyone else owns it; an existing empty directory
# is marked only when it is the caller's (root writes no file into a directory another user holds).
make_own_dir() {
  local dir=$1
  if [ -e "$dir" ]; then
    install -d -m 0750 "$dir"
    [ -z "$(find "$dir" -mindepth 1 -maxdepth 1 -print -quit)" ] || return 0
    [ "$(stat -c %u "$dir")" = "$(id -u)" ] || return 0
  fi
  install -d -m 0750 "$dir"
  printf '%s\n' "Made by the ProxiCloud installer on $(date -u +%Y-%m-%d); uninstall.sh --purge deletes this directory." \
    >"$dir/$DIR_MARK"
}

prepare_dirs() {
  SVC_GROUP=${SVC_GROUP:-$(id -gn)}
  make_own_dir "$CONFIG_DIR"
  make_own_dir "$DATA_DIR"
  if [ "$(id -u)" = 0 ]; then
    chown "root:$SVC_GROUP" "$CONFIG_DIR"
    chown "$SVC_USER:$SVC_GROUP" "$DATA_DIR"
  fi
}

write_config() {
  if [ -f "$CONFIG_FILE" ]; then
    log "keeping $CONFIG_FILE"
    return 0
  fi
  log "writing $CONFIG_FILE"
  local tmp="$CONFIG_FILE.new"
  cat >"$tmp" <<EOF
# ProxiCloud configuration, written by install.sh on $(date -u +%Y-%m-%d).
# Every key and its environment variable: docs/CONFIGURATION.md. Restart after editing:
#   systemctl restart proxicloud
host: $LISTEN
port: $PORT
data_dir: $DATA_DIR

# Demo mode until pve.url is set. deploy/scripts/setup-token.sh (on a Proxmox VE node) prints:
# pve:
#   url: https://pve1.lan:8006
#   token_id: proxicloud@pve!console
#   token_secret: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx
#   fingerprint: AB:CD:...:EF
EOF
  chmod 0640 "$tmp"
  [ "$(id -u)" != 0 ] || chown "root:$SVC_GROUP" "$tmp"
  mv "$tmp" "$CONFIG_FILE"
  FRESH_CONFIG=1
}

# Secrets are generated only for keys this release reads (deploy/config-keys.json is exported from
# its config schema at build time): the app refuses to start on an unknown key. pve.token_secret is
# never generated: it comes from Proxmox (setup-token.sh).
release_has_key() {
  grep -q "\"yaml\":\"$1\"" "$RELEASE_DIR/deploy/config-keys.json" 2>/dev/null
}

random_secret() {
  "$NODE" -e 'console.log(require("crypto").randomBytes(Number(process.argv[1])).toString("base64url"))' "$1"
}

# Only into a config this run wrote: a kept config is the administrator's. No admin password: a
# password kept in config.yaml outlives the account it made (M-3); the first admin is created with
# the one-time setup code the console logs at start.
add_generated_secrets() {
  [ "${FRESH_CONFIG:-0}" = 1 ] || return 0
  local lines=''
  if release_has_key auth.session_secret; then
    lines+="  session_secret: $(random_secret 32)"$'\n'
  fi
  [ -n "$lines" ] || return 0
  printf '\n# Generated by install.sh on %s.\nauth:\n%s' "$(date -u +%Y-%m-%d)" "$lines" >>"$CONFIG_FILE"
  log "generated secrets in $CONFIG_FILE"
}

ask() {
  local answer
  [ "$INTERACTIVE" = 1 ] || return 1
  read -r -p "$1 [Y/n] " answer </dev/tty || return 1
  case "$answer" in [nN]*) return 1 ;; *) return 0 ;; esac
}

offer_pve_token() {
  [ -d /etc/pve ] || command -v pveversion >/dev/null || return 0
  log "this is a Proxmox VE node ($(pveversion 2>/dev/null | head -n1 || echo /etc/pve))"
  [ "${FRESH_CONFIG:-0}" = 1 ] || return 0
  if ! ask "Create a proxicloud@pve API token on this node and configure the console with it?"; then
    return 0
  fi
  local lines
  lines=$("$RELEASE_DIR/deploy/scripts/setup-token.sh" --url "https://127.0.0.1:8006") ||
    { warn "setup-token.sh failed; the console stays in demo mode"; return 0; }
  printf '\n%s\n' "$lines" >>"$CONFIG_FILE"
}

write_install_files() {
  mkdir -p "$PREFIX/bin"
  cat >"$PREFIX/bin/proxicloud" <<EOF
#!/bin/sh
# Runs the installed ProxiCloud in the foreground with its configuration (systemd does the same).
export PROXICLOUD_CONFIG='$CONFIG_FILE'
exec '$PREFIX/current/bin/proxicloud-server' "\$@"
EOF
  chmod 0755 "$PREFIX/bin/proxicloud"
  cp "$RELEASE_DIR/deploy/scripts/uninstall.sh" "$PREFIX/uninstall.sh"
  chmod 0755 "$PREFIX/uninstall.sh"
  printf '%s\n' "VERSION=$VERSION" "PORT=$PORT" "LISTEN=$LISTEN" "SERVICE_USER=$SVC_USER" \
    "CONFIG_DIR=$CONFIG_DIR" "DATA_DIR=$DATA_DIR" "SYSTEMD=$SYSTEMD" \
    >"$PREFIX/install.env"
}

health_host() {
  case "$LISTEN" in
    0.0.0.0 | 127.0.0.1 | '' | localhost) echo 127.0.0.1 ;;
    :: | ::1) echo '[::1]' ;;
    *:*) echo "[$LISTEN]" ;;
    *) echo "$LISTEN" ;;
  esac
}

# 0: healthy. Also 0 when only Proxmox is down and the old release was not healthy either: that is
# the network or the node, not the new release. 1: unhealthy, 2: not answering.
health_once() {
  # shellcheck disable=SC2016 # JavaScript, not shell
  "$NODE" -e '
    const [url, baseline] = process.argv.slice(1);
    fetch(url, { signal: AbortSignal.timeout(5000) }).then(async (res) => {
      const body = await res.json().catch(() => ({}));
      if (res.status === 200) process.exit(0);
      const dbUp = body.details?.database?.status === "up";
      if (res.status === 503 && dbUp && baseline !== "200") {
        console.error(`Proxmox is not reachable: ${JSON.stringify(body.details?.proxmox ?? {})}`);
        process.exit(0);
      }
      process.exit(1);
    }, () => process.exit(2));
  ' "http://$(health_host):$1/api/health" "${BASELINE:-none}"
}

wait_healthy() {
  local port=$1 deadline=$((SECONDS + HEALTH_TIMEOUT_S)) rc=2
  while [ "$SECONDS" -lt "$deadline" ]; do
    rc=0
    health_once "$port" 2>>"$WORK/health.log" || rc=$?
    [ "$rc" = 0 ] && return 0
    [ -z "${TRIAL_PID:-}" ] || kill -0 "$TRIAL_PID" 2>/dev/null || return 1
    sleep 1
  done
  return 1
}

free_port() {
  "$NODE" -e '
    const s = require("net").createServer();
    s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });
  '
}

# Health of the running release before the upgrade, so a Proxmox outage is not blamed on the new one.
record_baseline() {
  BASELINE=none
  [ "$UPGRADE" = 1 ] && [ "$SYSTEMD" = 1 ] && systemctl is-active --quiet proxicloud || return 0
  BASELINE=$("$NODE" -e '
    fetch(process.argv[1], { signal: AbortSignal.timeout(5000) })
      .then((r) => console.log(r.status), () => console.log("none"));
  ' "http://$(health_host):$PORT/api/health")
}

# M-4: the data directory belongs to the service user, so root treats everything in it as hostile:
# it copies out regular files with one link only, never following a symlink; backups live in
# PREFIX/backups (root's, 0700), out of the service user's reach; writes into the data directory
# run as the service user; deletions pass names NUL-separated and match the database's names only.
DB_NAMES=(-name proxicloud.sqlite -o -name 'proxicloud.sqlite-*')

# Runs a command as the service user (root installs); as the caller otherwise.
as_service() {
  if [ "$(id -u)" = 0 ] && [ "$SVC_USER" != root ]; then
    (cd / && runuser -u "$SVC_USER" -- "$@")
  else
    "$@"
  fi
}

backup_database() {
  BACKUP_DIR=''
  [ "$UPGRADE" = 1 ] || return 0
  local files=()
  mapfile -d '' files < <(find "$DATA_DIR" -mindepth 1 -maxdepth 1 -type f -links 1 \
    \( "${DB_NAMES[@]}" \) -print0)
  [ "${#files[@]}" -gt 0 ] || return 0
  install -d -m 0700 "$PREFIX/backups"
  BACKUP_DIR=$(mktemp -d "$PREFIX/backups/$(date -u +%Y%m%d%H%M%S)-before-$VERSION.XXXXXX")
  # -P -R: a file swapped for a symlink or FIFO since find is copied as such, never read through
  cp -P -R --preserve=mode,timestamps -- "${files[@]}" "$BACKUP_DIR/"
  log "database backed up to $BACKUP_DIR"
  # Keep the five newest backups.
  find "$PREFIX/backups" -mindepth 1 -maxdepth 1 -type d -name '[0-9]*-before-*' -print0 |
    sort -z | head -z -n -5 | xargs -0 -r rm -rf --
}

# Puts the backed-up database back: the service user deletes the database files and writes each
# regular file of the backup (root reads it from PREFIX/backups and hands it over on stdin).
restore_database() {
  [ -n "$BACKUP_DIR" ] || return 0
  as_service find "$DATA_DIR" -mindepth 1 -maxdepth 1 \( "${DB_NAMES[@]}" \) -exec rm -rf -- {} +
  local file
  while IFS= read -r -d '' file; do
    # shellcheck disable=SC2016 # expanded by the inner shell
    as_service sh -c 'umask 077 && cat >"$1.restore" && mv -f -- "$1.restore" "$1"' restore \
      "$DATA_DIR/${file##*/}" <"$file"
  done < <(find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type f \( "${DB_NAMES[@]}" \) -print0)
  log "database restored from $BACKUP_DIR"
}

# Replaces a symlink atomically, so `current` never points nowhere.
point() {
  ln -sfn "$2" "$1.new"
  mv -Tf "$1.new" "$1"
}

install_unit() {
  local caps=''
  [ "$PORT" -ge 1024 ] || caps=CAP_NET_BIND_SERVICE
  sed -e "s|@USER@|$SVC_USER|g" -e "s|@GROUP@|$SVC_GROUP|g" -e "s|@PREFIX@|$PREFIX|g" \
    -e "s|@CONFIG_FILE@|$CONFIG_FILE|g" -e "s|@DATA_DIR@|$DATA_DIR|g" \
    -e "s|@CAPABILITIES@|$caps|g" "$1/deploy/systemd/proxicloud.service" >"$UNIT_FILE.new"
  mv "$UNIT_FILE.new" "$UNIT_FILE"
  systemctl daemon-reload
  systemctl enable proxicloud >/dev/null 2>&1
}

start_service() {
  install_unit "$1"
  systemctl restart proxicloud
  wait_healthy "$PORT"
}

# Without systemd nobody keeps the console running, so start it once on a spare loopback port:
# that runs the migrations and proves the release works with this config and data.
trial_run() {
  local port rc=0 cmd
  port=$(free_port)
  cmd=(env "PROXICLOUD_CONFIG=$CONFIG_FILE" "PROXICLOUD_PORT=$port" PROXICLOUD_HOST=127.0.0.1
    "$PREFIX/current/bin/proxicloud-server")
  if [ "$(id -u)" = 0 ] && [ "$SVC_USER" != root ]; then cmd=(runuser -u "$SVC_USER" -- "${cmd[@]}"); fi
  (cd "$DATA_DIR" && exec "${cmd[@]}") >"$WORK/trial.log" 2>&1 &
  TRIAL_PID=$!
  LISTEN=127.0.0.1 wait_healthy "$port" || rc=1
  kill "$TRIAL_PID" 2>/dev/null || true
  wait "$TRIAL_PID" 2>/dev/null || true
  TRIAL_PID=''
  return "$rc"
}

show_failure_log() {
  if [ "$SYSTEMD" = 1 ]; then
    journalctl -u proxicloud -n 30 --no-pager >&2 2>/dev/null || true
  else
    tail -n 30 "$WORK/trial.log" >&2 || true
  fi
  [ ! -s "$WORK/health.log" ] || tail -n 5 "$WORK/health.log" >&2
}

rollback() {
  show_failure_log
  [ -n "$PREVIOUS_DIR" ] || die "ProxiCloud $VERSION failed its health check (log above)"
  warn "ProxiCloud $VERSION failed its health check; rolling back to $(basename "$PREVIOUS_DIR")"
  [ "$SYSTEMD" = 0 ] || systemctl stop proxicloud || true
  point "$PREFIX/current" "$PREVIOUS_DIR"
  restore_database
  if [ "$SYSTEMD" = 1 ]; then
    start_service "$PREVIOUS_DIR" || warn "the previous release did not come back healthy either"
  fi
  rm -rf "$RELEASE_DIR"
  die "upgrade to $VERSION failed; $(basename "$PREVIOUS_DIR") is active again"
}

switch_over() {
  PREVIOUS_DIR=''
  [ ! -L "$PREFIX/current" ] || PREVIOUS_DIR=$(readlink -f "$PREFIX/current")
  record_baseline
  [ "$SYSTEMD" = 0 ] || systemctl stop proxicloud 2>/dev/null || true
  backup_database
  point "$PREFIX/current" "$RELEASE_DIR"
  ACTIVATED=1
  log "starting ProxiCloud $VERSION and waiting for /api/health"
  STARTED_AT=$(date +%s)
  if [ "$SYSTEMD" = 1 ]; then start_service "$RELEASE_DIR" || rollback; else trial_run || rollback; fi
  if [ -n "$PREVIOUS_DIR" ]; then point "$PREFIX/previous" "$PREVIOUS_DIR"; fi
}

# Keeps the active release and the one to roll back to.
prune_releases() {
  local dir
  for dir in "$PREFIX"/releases/*; do
    [ "$dir" = "$RELEASE_DIR" ] || [ "$dir" = "$PREVIOUS_DIR" ] || rm -rf "$dir"
  done
}

print_summary() {
  local host url
  host=$LISTEN
  [ "$host" != 0.0.0.0 ] || host=$(hostname -I 2>/dev/null | awk '{print $1}')
  url="http://${host:-127.0.0.1}:$PORT/"
  printf '\n\033[1;32mProxiCloud %s is %s.\033[0m\n\n' "$VERSION" \
    "$([ "$SYSTEMD" = 1 ] && echo "running at $url" || echo installed)"
  if [ "$SYSTEMD" = 1 ]; then
    printf '  logs:    journalctl -u proxicloud -f\n  restart: systemctl restart proxicloud\n'
  else
    printf '  start:   %s   (serves %s)\n' "$PREFIX/bin/proxicloud" "$url"
  fi
  printf '  config:  %s\n  data:    %s\n  remove:  %s [--purge]\n\n' \
    "$CONFIG_FILE" "$DATA_DIR" "$PREFIX/uninstall.sh"
  print_first_steps
}

print_first_steps() {
  echo 'First login:'
  print_account_steps
  if [ "$LISTEN" = 127.0.0.1 ]; then
    echo "  - It listens on 127.0.0.1 only: ssh -L $PORT:127.0.0.1:$PORT root@this-host, then open"
    echo "    http://127.0.0.1:$PORT/ (or set host: 0.0.0.0 in the config and restart)."
  fi
  if grep -q '^pve:' "$CONFIG_FILE" 2>/dev/null; then
    echo '  - Proxmox VE is configured; GET /api/health shows whether the console reaches it.'
    return 0
  fi
  echo '  - The console runs in DEMO MODE (a simulated cluster) until the pve.* keys are set.'
  echo '    On a Proxmox VE node, create a token and print the config lines with:'
  echo "      $PREFIX/current/deploy/scripts/setup-token.sh >> $CONFIG_FILE"
  echo "    or add pve.url, pve.token_id, pve.token_secret and pve.fingerprint to $CONFIG_FILE"
  echo "    by hand, then restart ($([ "$SYSTEMD" = 1 ] && echo 'systemctl restart proxicloud' ||
    echo "stop and start $PREFIX/bin/proxicloud"))."
}

print_account_steps() {
  if ! release_has_key auth.admin_user; then
    echo '  - Open the URL above. This release has no console accounts: anyone who reaches the port'
    echo '    can manage your containers, so keep it on 127.0.0.1 (ssh -L) or a trusted network.'
    return 0
  fi
  local code
  code=$(setup_code)
  if [ -n "$code" ]; then
    echo "  - Open the URL above and create the first admin with the one-time setup code $code"
    echo '    (it works once; a restart before then logs a new one).'
  else
    echo '  - Until an admin exists, the console logs a one-time setup code at each start'
    echo "    ($([ "$SYSTEMD" = 1 ] && echo 'journalctl -u proxicloud' || echo 'its output')): open the URL"
    echo '    and create the first admin with it.'
  fi
}

# The setup code the running service logged since this run started it (systemd only: a trial run's
# code ends with the trial run).
setup_code() {
  [ "$SYSTEMD" = 1 ] || return 0
  journalctl -u proxicloud --since "@$STARTED_AT" -o cat --no-pager 2>/dev/null |
    sed -n 's/.*one-time setup code \([A-Z0-9-]\{19\}\).*/\1/p' | tail -n 1 || true
}

# An upgrade keeps the config as it is, but says that an install-time password in it is not used.
warn_kept_admin_password() {
  [ "${FRESH_CONFIG:-0}" = 0 ] && [ -r "$CONFIG_FILE" ] || return 0
  grep -q '^[[:space:]]*admin_password:' "$CONFIG_FILE" || return 0
  warn "$CONFIG_FILE still holds auth.admin_password: once an admin exists it is not used;" \
    "remove the admin_user/admin_password lines (and change that admin's password if it was kept)"
}

cleanup() {
  [ -z "${TRIAL_PID:-}" ] || kill "$TRIAL_PID" 2>/dev/null || true
  if [ "${ACTIVATED:-0}" = 0 ] && [ -n "${RELEASE_DIR:-}" ]; then rm -rf "$RELEASE_DIR"; fi
  [ -z "${UNPACK_DIR:-}" ] || rm -rf "$UNPACK_DIR"
  rm -rf "$WORK"
}

main() {
  parse_args "$@"
  load_previous_install
  resolve_settings
  check_platform
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/proxicloud-install.XXXXXX")
  trap cleanup EXIT
  fetch_release
  verify_checksum
  check_disk
  unpack_release
  check_port
  ensure_user
  prepare_dirs
  write_config
  add_generated_secrets
  offer_pve_token
  switch_over
  write_install_files
  prune_releases
  print_summary
  warn_kept_admin_password
}

main "$@"
