#!/usr/bin/env bash
# Removes ProxiCloud: the service and the program files. Configuration and data stay unless --purge.
# install.sh copies this script to PREFIX/uninstall.sh; it reads PREFIX/install.env to find the rest.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: uninstall.sh [--prefix DIR] [--purge] [--yes]

  --prefix DIR   where ProxiCloud is installed (default: this script's directory when it holds
                 install.env, else /opt/proxicloud)
  --purge        also delete the configuration, the data (database, backups) and the system user
                 install.sh created
  --yes          do not ask for confirmation (also: --non-interactive)
EOF
}

USER_MARK='ProxiCloud console (created by install.sh)'
# The file install.sh puts in the directories it makes (L-9): --purge deletes only those.
DIR_MARK=.proxicloud-installer

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

parse_args() {
  PURGE=0 ASSUME_YES=0 PREFIX=''
  while [ $# -gt 0 ]; do
    case "$1" in
      --prefix) PREFIX=$(realpath -m "${2:?--prefix needs a directory}"); shift 2 ;;
      --purge) PURGE=1; shift ;;
      --yes | --non-interactive) ASSUME_YES=1; shift ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; die "unknown option: $1" ;;
    esac
  done
  if [ -z "$PREFIX" ]; then
    local here
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    if [ -f "$here/install.env" ]; then PREFIX=$here; else PREFIX=/opt/proxicloud; fi
  fi
}

read_install_env() {
  [ -f "$PREFIX/install.env" ] || die "no ProxiCloud install in $PREFIX (install.env missing)"
  CONFIG_DIR='' DATA_DIR='' SYSTEMD=0 SERVICE_USER=''
  local key value
  while IFS='=' read -r key value; do
    case "$key" in
      CONFIG_DIR) CONFIG_DIR=$value ;;
      DATA_DIR) DATA_DIR=$value ;;
      SYSTEMD) SYSTEMD=$value ;;
      SERVICE_USER) SERVICE_USER=$value ;;
    esac
  done <"$PREFIX/install.env"
}

# Refuses paths whose removal would hurt far more than ProxiCloud.
check_removable() {
  case "$1" in
    '' | / | /etc | /opt | /usr | /usr/* | /var | /var/lib | /home | /root | /tmp | "$HOME")
      die "refusing to delete $1"
      ;;
  esac
}

confirm() {
  [ "$ASSUME_YES" = 1 ] && return 0
  [ -r /dev/tty ] || die "cannot ask for confirmation: add --yes"
  local answer
  read -r -p "$1 [y/N] " answer </dev/tty || return 1
  case "$answer" in [yY]*) return 0 ;; *) return 1 ;; esac
}

remove_service() {
  [ "$SYSTEMD" = 1 ] || return 0
  [ "$(id -u)" = 0 ] || die "run as root to remove the systemd service"
  log "stopping and removing the proxicloud service"
  systemctl disable --now proxicloud 2>/dev/null || true
  rm -f /etc/systemd/system/proxicloud.service
  systemctl daemon-reload
}

# Deletes DIR only when install.sh made it: a --data-dir or --config-dir that already held
# something (a system or shared directory) is left as it is.
purge_dir() {
  local dir=$1
  check_removable "$dir"
  [ -e "$dir" ] || return 0
  if [ -L "$dir" ] || [ ! -d "$dir" ] || [ -L "$dir/$DIR_MARK" ] || [ ! -f "$dir/$DIR_MARK" ]; then
    warn "kept $dir: install.sh did not make it (no $DIR_MARK); delete what ProxiCloud left there yourself"
    KEPT+=("$dir")
    return 0
  fi
  log "deleting $dir"
  rm -rf -- "$dir"
}

purge() {
  KEPT=()
  purge_dir "$CONFIG_DIR"
  purge_dir "$DATA_DIR"
  [ "$(id -u)" = 0 ] || return 0
  # Only an account install.sh created carries this comment; a user chosen with --user is kept.
  if [ "$(getent passwd "$SERVICE_USER" | cut -d: -f5)" = "$USER_MARK" ]; then
    log "deleting system user $SERVICE_USER"
    userdel "$SERVICE_USER" 2>/dev/null || true
    if getent group "$SERVICE_USER" >/dev/null; then groupdel "$SERVICE_USER" 2>/dev/null || true; fi
  fi
}

main() {
  parse_args "$@"
  read_install_env
  check_removable "$PREFIX"
  local what="ProxiCloud from $PREFIX"
  [ "$PURGE" = 0 ] || what="$what, with its configuration $CONFIG_DIR and data $DATA_DIR"
  confirm "Remove $what?" || die "nothing removed"
  remove_service
  log "deleting $PREFIX"
  rm -rf "$PREFIX"
  if [ "$PURGE" = 1 ]; then
    purge
    if [ "${#KEPT[@]}" -eq 0 ]; then
      log "ProxiCloud is removed, with its configuration and data"
    else
      log "ProxiCloud is removed; kept ${KEPT[*]}, which install.sh did not make"
    fi
  else
    log "ProxiCloud is removed; kept $CONFIG_DIR and $DATA_DIR (install.sh reuses them; --purge deletes them)"
  fi
}

# Everything runs from main, which bash has read in full before this script deletes itself.
main "$@"
