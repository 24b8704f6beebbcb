#!/usr/bin/env bash
# Run as root on a Proxmox VE node: creates what ProxiCloud needs to talk to the cluster and prints
# the configuration lines (YAML on stdout; messages go to stderr, so `>> config.yaml` works).
#   - user proxicloud@pve (no password: it can only be used through its token)
#   - role ProxiCloud holding exactly the privileges of the console's features
#   - a privilege-separated API token, with ACLs for the user and the token on / or on a pool
set -euo pipefail

# One line per feature, so a new feature adds its privileges here (shared/pve/NOTES.md §10).
PRIVS_READ='VM.Audit Sys.Audit Datastore.Audit'                      # lists, status, metrics, tasks
PRIVS_POWER='VM.PowerMgmt'                                           # start, stop, shutdown, reboot
PRIVS_CREATE='VM.Allocate Datastore.AllocateSpace SDN.Use'           # create and delete
PRIVS_CREATE_CONFIG='VM.Config.Disk VM.Config.CPU VM.Config.Memory VM.Config.Network VM.Config.Options'
PRIVS_TEMPLATES='Datastore.AllocateTemplate'                         # template downloads
PRIVS_SNAPSHOTS='VM.Snapshot VM.Snapshot.Rollback'                   # take, delete, roll back snapshots
PRIVS_BACKUP='VM.Backup'                                             # back up, restore, delete backups
PRIVS_CONSOLE='VM.Console'                                           # the in-browser terminal
PRIVS_PRIVILEGED='Sys.Modify'                                        # privileged containers only

usage() {
  cat <<'EOF'
Usage: setup-token.sh [options]

  --user USERID          Proxmox user to create or reuse (default proxicloud@pve)
  --token NAME           token name (default console)
  --role NAME            role name (default ProxiCloud)
  --pool POOL            grant on /pool/POOL (plus /nodes, /storage, /sdn/zones) instead of on /
  --allow-privileged     add Sys.Modify on /, needed only to create privileged containers
  --url URL              console's address for this node (default https://<fqdn>:8006)
  --cert FILE            certificate to pin (default /etc/pve/local/pveproxy-ssl.pem, else pve-ssl.pem)
  --rotate               delete and recreate the token when it exists
  --format yaml|env      output as config.yaml lines (default) or environment variables
EOF
}

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

parse_args() {
  PVE_USER=proxicloud@pve TOKEN=console ROLE=ProxiCloud POOL='' PRIVILEGED=0 URL='' ROTATE=0
  FORMAT=yaml CERT=
  while [ $# -gt 0 ]; do
    case "$1" in
      --user) PVE_USER=${2:?--user needs a value}; shift 2 ;;
      --token) TOKEN=${2:?--token needs a value}; shift 2 ;;
      --role) ROLE=${2:?--role needs a value}; shift 2 ;;
      --pool) POOL=${2:?--pool needs a value}; shift 2 ;;
      --allow-privileged) PRIVILEGED=1; shift ;;
      --url) URL=${2:?--url needs a value}; shift 2 ;;
      --cert) CERT=${2:?--cert needs a file}; shift 2 ;;
      --rotate) ROTATE=1; shift ;;
      --format) FORMAT=${2:?--format needs yaml or env}; shift 2 ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; die "unknown option: $1" ;;
    esac
  done
  case "$FORMAT" in yaml | env) ;; *) die "--format must be yaml or env" ;; esac
  [[ "$PVE_USER" == *@* ]] || die "--user must be user@realm"
  URL=${URL:-https://$(hostname -f):8006}
}

check_node() {
  [ "$(id -u)" = 0 ] || die "run as root on a Proxmox VE node"
  command -v pveum >/dev/null || die "pveum not found: this is not a Proxmox VE node"
}

privileges() {
  local privs="$PRIVS_READ $PRIVS_POWER $PRIVS_CREATE $PRIVS_CREATE_CONFIG $PRIVS_TEMPLATES $PRIVS_SNAPSHOTS $PRIVS_BACKUP $PRIVS_CONSOLE"
  [ "$PRIVILEGED" = 0 ] || privs="$privs $PRIVS_PRIVILEGED"
  echo "$privs"
}

# listed NEEDLE CMD...: whether the JSON output of a pveum list command contains NEEDLE.
listed() {
  local needle=$1 out
  shift
  out=$("$@" --output-format json)
  [[ "$out" == *"$needle"* ]]
}

ensure_role() {
  local privs
  privs=$(privileges)
  if listed "\"roleid\":\"$ROLE\"" pveum role list; then
    log "setting the privileges of role $ROLE"
    pveum role modify "$ROLE" --privs "$privs" >&2
  else
    log "creating role $ROLE"
    pveum role add "$ROLE" --privs "$privs" >&2
  fi
}

ensure_user() {
  if listed "\"userid\":\"$PVE_USER\"" pveum user list; then
    log "reusing user $PVE_USER"
  else
    log "creating user $PVE_USER"
    pveum user add "$PVE_USER" --comment 'ProxiCloud console (API token only)' >&2
  fi
}

create_token() {
  local json
  if listed "\"tokenid\":\"$TOKEN\"" pveum user token list "$PVE_USER"; then
    [ "$ROTATE" = 1 ] || die "token $PVE_USER!$TOKEN exists: add --rotate to replace it, or --token NAME"
    log "deleting the old token $PVE_USER!$TOKEN"
    pveum user token remove "$PVE_USER" "$TOKEN" >&2
  fi
  log "creating privilege-separated token $PVE_USER!$TOKEN"
  json=$(pveum user token add "$PVE_USER" "$TOKEN" --privsep 1 --comment ProxiCloud \
    --output-format json)
  SECRET=$(printf '%s' "$json" | sed -n 's/.*"value":"\([^"]*\)".*/\1/p')
  [ -n "$SECRET" ] || die "could not read the token secret from pveum"
}

# With privilege separation the token's rights are the intersection of the user's ACLs and its own,
# so both get the same grants.
grant() {
  local path=$1
  pveum acl modify "$path" --users "$PVE_USER" --roles "$ROLE" >&2
  pveum acl modify "$path" --tokens "$PVE_USER!$TOKEN" --roles "$ROLE" >&2
}

grant_acls() {
  if [ -z "$POOL" ]; then
    log "granting $ROLE on /"
    grant /
    return
  fi
  log "granting $ROLE on /pool/$POOL, /nodes, /storage and /sdn/zones"
  local path
  for path in "/pool/$POOL" /nodes /storage /sdn/zones; do grant "$path"; done
  if [ "$PRIVILEGED" = 1 ]; then grant /; fi
}

# pveproxy serves pveproxy-ssl.pem when a custom certificate is installed, else pve-ssl.pem.
fingerprint() {
  local cert=${CERT:-/etc/pve/local/pveproxy-ssl.pem}
  [ -f "$cert" ] || cert=/etc/pve/local/pve-ssl.pem
  openssl x509 -in "$cert" -noout -fingerprint -sha256 | sed 's/^.*=//'
}

print_config() {
  local fp=$FINGERPRINT
  if [ "$FORMAT" = env ]; then
    printf "PROXICLOUD_PVE_URL=%s\nPROXICLOUD_PVE_TOKEN_ID='%s'\n" "$URL" "$PVE_USER!$TOKEN"
    printf 'PROXICLOUD_PVE_TOKEN_SECRET=%s\nPROXICLOUD_PVE_FINGERPRINT=%s\n' "$SECRET" "$fp"
  else
    printf "pve:\n  url: %s\n  token_id: '%s'\n" "$URL" "$PVE_USER!$TOKEN"
    printf '  token_secret: %s\n  fingerprint: %s\n' "$SECRET" "$fp"
  fi
  log "done. The secret is shown only now: keep these lines in the ProxiCloud config (mode 0640)."
  [ -z "$POOL" ] || log "note: the console does not yet pass the pool when creating containers, so" \
    "creating needs VM.Allocate on /vms as well; the pool's containers can be managed."
}

main() {
  parse_args "$@"
  check_node
  # Before anything is created, so a missing certificate leaves the node untouched.
  FINGERPRINT=$(fingerprint) || die "cannot read the node certificate (try --cert FILE)"
  ensure_role
  ensure_user
  create_token
  grant_acls
  print_config
}

main "$@"
