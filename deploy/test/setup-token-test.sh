#!/usr/bin/env bash
# Tests deploy/scripts/setup-token.sh against a fake `pveum` that records its calls: the role's
# privileges (compared with the console's own feature table), the user, the privilege-separated
# token, the ACLs on / or on a pool, the printed config lines and the refusal to clobber a token.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SCRIPT="$ROOT/deploy/scripts/setup-token.sh"
T=$(mktemp -d "${TMPDIR:-/tmp}/proxicloud-setup-token-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
SECRET=0b0e9c1a-5d7e-4c36-9f0e-6a4b2c8d1e3f

# shellcheck source=deploy/test/lib.sh
. "$ROOT/deploy/test/lib.sh"

make_fakes() {
  mkdir -p "$T/bin"
  cat >"$T/bin/pveum" <<EOF
#!/usr/bin/env bash
echo "\$*" >>"$T/calls"
case "\$*" in
  'role list --output-format json') echo "\${FAKE_ROLES:-[]}" ;;
  'user list --output-format json') echo '[]' ;;
  'user token list '*) echo "\${FAKE_TOKENS:-[]}" ;;
  'user token add '*) echo '{"full-tokenid":"proxicloud@pve!console","info":{"privsep":"1"},"value":"$SECRET"}' ;;
esac
EOF
  chmod +x "$T/bin/pveum"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" -days 1 \
    -subj /CN=pve1 2>/dev/null
  FINGERPRINT=$(openssl x509 -in "$T/cert.pem" -noout -fingerprint -sha256 | sed 's/^.*=//')
}

run_script() {
  : >"$T/calls"
  PATH="$T/bin:$PATH" bash "$SCRIPT" --url https://pve1.lan:8006 --cert "$T/cert.pem" "$@" \
    >"$T/out" 2>"$T/err"
}

# Privileges the console's permission report says its features need (backend/src/permissions).
feature_privileges() {
  (cd "$ROOT" && npx tsx -e "
    import { FEATURES } from './backend/src/permissions/permission-features.ts';
    console.log([...new Set(FEATURES.flatMap((f) => f.needs.map((n) => n.privilege)))].join('\n'));
  ")
}

role_privileges() {
  sed -n 's/^role add ProxiCloud --privs //p' "$T/calls" | tr ' ' '\n' | sort
}

test_default_grants_on_root() {
  step 'token with ACLs on /'
  run_script
  assert_eq "$(role_privileges | tr '\n' ' ')" 'Datastore.AllocateSpace Datastore.AllocateTemplate Datastore.Audit SDN.Use Sys.Audit VM.Allocate VM.Audit VM.Backup VM.Config.CPU VM.Config.Disk VM.Config.Memory VM.Config.Network VM.Config.Options VM.Console VM.PowerMgmt VM.Snapshot VM.Snapshot.Rollback ' 'role privileges'
  local missing
  missing=$(comm -23 <(feature_privileges | sort) <(role_privileges))
  # only 'Create privileged containers' needs more, and only with --allow-privileged (below)
  assert_eq "$missing" 'Sys.Modify' 'privileges the permission report needs that the role lacks'
  grep -qx 'user add proxicloud@pve --comment ProxiCloud console (API token only)' "$T/calls" ||
    fail 'user not created'
  grep -q '^user token add proxicloud@pve console --privsep 1 ' "$T/calls" || fail 'no privsep token'
  grep -qx 'acl modify / --users proxicloud@pve --roles ProxiCloud' "$T/calls" || fail 'no user ACL'
  grep -qx 'acl modify / --tokens proxicloud@pve!console --roles ProxiCloud' "$T/calls" ||
    fail 'no token ACL'
  assert_eq "$(cat "$T/out")" "pve:
  url: https://pve1.lan:8006
  token_id: 'proxicloud@pve!console'
  token_secret: $SECRET
  fingerprint: $FINGERPRINT" 'printed config lines'
}

test_pool_grants() {
  step 'token with ACLs on a pool'
  run_script --pool lab
  local acls
  acls=$(sed -n 's/^acl modify \([^ ]*\) --tokens.*/\1/p' "$T/calls" | tr '\n' ' ')
  assert_eq "$acls" '/pool/lab /nodes /storage /sdn/zones ' 'token ACL paths'
  if grep -q '^acl modify / ' "$T/calls"; then fail 'pool mode granted on /'; fi
}

test_existing_token() {
  step 'an existing token is kept unless --rotate'
  if FAKE_TOKENS='[{"tokenid":"console","privsep":1}]' run_script; then fail 'existing token replaced'; fi
  grep -q 'exists' "$T/err" || fail 'no explanation for the refusal'
  FAKE_TOKENS='[{"tokenid":"console","privsep":1}]' FAKE_ROLES='[{"roleid":"ProxiCloud"}]' \
    run_script --rotate --allow-privileged --format env
  grep -qx 'user token remove proxicloud@pve console' "$T/calls" || fail 'old token not removed'
  grep -q '^role modify ProxiCloud --privs .*Sys.Modify' "$T/calls" || fail 'role not updated'
  local missing
  missing=$(comm -23 <(feature_privileges | sort) \
    <(sed -n 's/^role modify ProxiCloud --privs //p' "$T/calls" | tr ' ' '\n' | sort))
  assert_eq "$missing" '' 'with --allow-privileged, privileges the permission report needs that the role lacks'
  grep -qx "PROXICLOUD_PVE_TOKEN_SECRET=$SECRET" "$T/out" || fail 'env output lacks the secret'
}

main() {
  [ "$(id -u)" = 0 ] || { echo 'setup-token test: skipped (setup-token.sh needs root)'; exit 0; }
  make_fakes
  test_default_grants_on_root
  test_pool_grants
  test_existing_token
  printf '\nsetup-token test: PASS\n'
}

main "$@"
