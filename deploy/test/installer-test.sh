#!/usr/bin/env bash
# End-to-end test of the release and its installer, without systemd:
#   build the release (or take PROXICLOUD_RELEASE_TARBALL), install it into a temporary prefix,
#   start it and get 200 from /api/health, check the config file's mode, upgrade in place with the
#   data kept, see a broken release rolled back, uninstall keeping the data, reinstall, purge.
#   Security review findings: the upgrade backup and the rollback's restore treat the data dir as
#   hostile (M-4); --data-dir/--config-dir take over no foreign directory and --purge deletes only
#   what install.sh made (L-9).
# As root it also creates (and purges) a system user, like a real install; the unit file is checked
# with systemd-analyze verify when that exists.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/proxicloud-installer-test.XXXXXX")
chmod 0755 "$T" # the service user must reach the prefix and data dir inside
PREFIX="$T/opt" CONFIG_DIR="$T/etc" DATA_DIR="$T/data"

# shellcheck source=deploy/test/lib.sh
. "$ROOT/deploy/test/lib.sh"

cleanup() {
  stop_app
  [ -z "${MIRROR_PID:-}" ] || kill "$MIRROR_PID" 2>/dev/null || true
  if [ -f "$PREFIX/install.env" ]; then "$PREFIX/uninstall.sh" --purge --yes >/dev/null 2>&1 || true; fi
  # main checked the user did not exist before, so one left now is this test's own.
  if [ "${OWN_TEST_USER:-0}" = 1 ] && id -u "$TEST_USER" >/dev/null 2>&1; then userdel "$TEST_USER" || true; fi
  rm -rf "$T"
}
trap cleanup EXIT

release_tarball() {
  if [ -n "${PROXICLOUD_RELEASE_TARBALL:-}" ]; then
    realpath "$PROXICLOUD_RELEASE_TARBALL"
  else
    step 'building the release' >&2
    "$ROOT/deploy/build-release.sh" --out "$T/release" | tail -n 1
  fi
}

install_args() {
  INSTALL_ARGS=(--prefix "$PREFIX" --config-dir "$CONFIG_DIR" --data-dir "$DATA_DIR" --port "$PORT"
    --no-systemd --non-interactive)
  if [ "$(id -u)" = 0 ]; then INSTALL_ARGS+=(--user "$TEST_USER"); fi
}

test_bad_checksum_is_refused() {
  step 'a tarball whose checksum does not match is refused'
  mkdir -p "$T/bad"
  ln -s "$TARBALL" "$T/bad/$(basename "$TARBALL")"
  echo "$(printf '0%.0s' {1..64})  $(basename "$TARBALL")" >"$T/bad/$(basename "$TARBALL").sha256"
  if bash "$ROOT/deploy/install.sh" --tarball "$T/bad/$(basename "$TARBALL")" "${INSTALL_ARGS[@]}" \
    2>"$T/bad/err"; then
    fail 'install.sh accepted a wrong checksum'
  fi
  grep -q 'checksum mismatch' "$T/bad/err" || fail "unexpected error: $(cat "$T/bad/err")"
  [ ! -e "$PREFIX/current" ] || fail 'something was installed'
  echo 'ok - wrong checksum refused, nothing installed'
}

# L-9: a directory that holds something else is not taken over (and later not purged).
test_refuses_foreign_dirs() {
  step 'an existing non-empty directory install.sh did not make is refused'
  local option
  mkdir -p "$T/sysdir"
  echo 'not ProxiCloud' >"$T/sysdir/important"
  chmod 0755 "$T/sysdir"
  for option in --data-dir --config-dir; do
    local args=("${INSTALL_ARGS[@]}")
    if [ "$option" = --data-dir ]; then args[5]="$T/sysdir"; else args[3]="$T/sysdir"; fi
    if bash "$ROOT/deploy/install.sh" --tarball "$TARBALL" "${args[@]}" 2>"$T/sysdir.err"; then
      fail "install.sh took over $T/sysdir as $option"
    fi
    grep -q 'was not made by install.sh' "$T/sysdir.err" || fail "unexpected error: $(cat "$T/sysdir.err")"
    [ ! -e "$PREFIX/current" ] || fail 'something was installed'
  done
  assert_eq "$(ls -A "$T/sysdir")" important 'the foreign directory holds only what it held'
  assert_eq "$(stat -c %a:%U "$T/sysdir")" "755:$(id -un)" 'its mode and owner are unchanged'
}

test_fresh_install() {
  step 'fresh install'
  bash "$ROOT/deploy/install.sh" --tarball "$TARBALL" "${INSTALL_ARGS[@]}"
  assert_eq "$(stat -c %a "$CONFIG_DIR/config.yaml")" 640 'config file mode'
  if [ "$(id -u)" = 0 ]; then
    assert_eq "$(stat -c %U:%G "$CONFIG_DIR/config.yaml")" "root:$TEST_USER" 'config file owner'
    assert_eq "$(stat -c %U "$DATA_DIR")" "$TEST_USER" 'data dir owner'
  fi
  assert_file "$PREFIX/current/bin/proxicloud-server"
  grep -q -- '^NODE_OPTIONS="--max-old-space-size=' "$PREFIX/current/bin/proxicloud-server" ||
    fail 'the launcher does not set the console heap limit'
  assert_file "$PREFIX/uninstall.sh"
  assert_file "$DATA_DIR/proxicloud.sqlite" # the trial start ran the migrations
  assert_file "$CONFIG_DIR/.proxicloud-installer"
  assert_file "$DATA_DIR/.proxicloud-installer"
  echo 'ok - the directories install.sh made carry its marker'
  grep -q "^port: $PORT$" "$CONFIG_DIR/config.yaml" || fail "config does not hold port $PORT"
  if grep -q 'admin_password' "$CONFIG_DIR/config.yaml"; then
    fail 'the config holds an admin password (M-3: it would outlive the account)'
  fi
  echo 'ok - no admin password in the config'
}

test_runs_and_records() {
  step 'start the installed app'
  start_app
  assert_eq "$(http_status /api/health)" 200 'GET /api/health'
  assert_eq "$(http_status /)" 200 'GET / (the web UI)'
  grep -q 'one-time setup code [A-Z0-9-]\{19\}' "$T/app.log" ||
    fail 'the first start did not log a setup code for the first admin'
  echo 'ok - the first start logs a one-time setup code'
  if bash "$ROOT/deploy/install.sh" --tarball "$TARBALL" --prefix "$PREFIX" --no-systemd \
    --non-interactive 2>"$T/busy.err"; then
    fail 'install.sh upgraded while the console was running'
  fi
  grep -q 'stop the running ProxiCloud' "$T/busy.err" || fail "unexpected error: $(cat "$T/busy.err")"
  echo 'ok - no upgrade while the console is running'
  stop_app
  write_marker_row "$MARK"
  assert_eq "$(marker_rows "$MARK")" 1 'marker row written'
  echo "$MARK" >"$DATA_DIR/marker.txt"
}

# What a compromised service user could leave in its data dir for root's upgrade to trip over
# (M-4): a database-named symlink to a root-only file, a `backups` symlink to a directory, and
# earlier backups whose names hold spaces.
plant_traps() {
  SECRET="root-only-$RANDOM$RANDOM"
  echo "$SECRET" >"$T/secret"
  chmod 0600 "$T/secret"
  ln -s "$T/secret" "$DATA_DIR/proxicloud.sqlite-link"
  mkdir -p "$T/victim"
  chmod 0755 "$T/victim"
  ln -s "$T/victim" "$DATA_DIR/backups"
  mkdir -p "$T/cwd/old" "$PREFIX/backups/notes"
  local i
  for i in 1 2 3 4 5 6; do mkdir -p "$PREFIX/backups/2000010100000$i-before-0.0.$i old"; done
}

# No copy of the root-only file anywhere the service user can read, and nothing done through links.
check_traps() {
  if grep -rqs "$SECRET" "$DATA_DIR"; then fail 'the root-only file was copied into the data dir'; fi
  if grep -rqs "$SECRET" "$PREFIX/backups"; then fail 'the backup followed a symlink'; fi
  assert_eq "$(readlink "$DATA_DIR/backups")" "$T/victim" 'the backups symlink was left alone'
  assert_eq "$(ls -A "$T/victim")" '' 'nothing was written through it'
  assert_eq "$(stat -c %U "$T/victim")" "$(id -un)" 'nor its owner changed'
  assert_file "$T/cwd/old"
}

test_upgrade_keeps_data() {
  step 'upgrade in place (settings come from install.env)'
  local old config_sum backup
  old=$(readlink -f "$PREFIX/current")
  # An administrator's edit of the kept config must win over the settings of the first install.
  PORT=$(free_port)
  sed -i "s/^port: .*/port: $PORT/" "$CONFIG_DIR/config.yaml"
  config_sum=$(sha256sum <"$CONFIG_DIR/config.yaml")
  plant_traps
  (cd "$T/cwd" && bash "$ROOT/deploy/install.sh" --tarball "$TARBALL" --prefix "$PREFIX" \
    --no-systemd --non-interactive)
  [ "$(readlink -f "$PREFIX/current")" != "$old" ] || fail 'current still points to the old release'
  assert_eq "$(readlink -f "$PREFIX/previous")" "$old" 'previous release kept for rollback'
  assert_eq "$(sha256sum <"$CONFIG_DIR/config.yaml")" "$config_sum" 'config unchanged'
  grep -qx "PORT=$PORT" "$PREFIX/install.env" || fail 'install.env does not follow the config port'
  assert_eq "$(cat "$DATA_DIR/marker.txt")" "$MARK" 'data dir kept'
  assert_eq "$(marker_rows "$MARK")" 1 'database rows kept'
  backup=$(find "$PREFIX/backups" -mindepth 2 -maxdepth 2 -name proxicloud.sqlite -printf '%h\n')
  [ -n "$backup" ] || fail "no database backup in $PREFIX/backups"
  echo "ok - database backed up to $backup, outside the data dir"
  if [ "$(id -u)" = 0 ]; then
    assert_eq "$(stat -c %U:%a "$PREFIX/backups")" root:700 'backups root-owned, 0700'
    assert_eq "$(stat -c %U "$backup/proxicloud.sqlite")" root 'the backup copy is root-owned'
  fi
  [ ! -e "$backup/proxicloud.sqlite-link" ] || fail 'a symlink was backed up'
  check_traps
  assert_eq "$(find "$PREFIX/backups" -mindepth 1 -maxdepth 1 -name '*-before-*' | wc -l)" 5 \
    'five newest backups kept'
  for name in '20000101000001-before-0.0.1 old' '20000101000002-before-0.0.2 old'; do
    [ ! -e "$PREFIX/backups/$name" ] || fail "old backup '$name' not pruned"
  done
  assert_file "$PREFIX/backups/20000101000003-before-0.0.3 old"
  assert_file "$PREFIX/backups/notes"
  echo 'ok - the oldest backups pruned by whole name, other names kept'
  start_app
  assert_eq "$(http_status /api/health)" 200 'GET /api/health after the upgrade'
  stop_app
}

test_broken_release_rolls_back() {
  step 'a release that fails its health check is rolled back'
  local good broken
  good=$(readlink -f "$PREFIX/current")
  broken=$(make_broken_release "$TARBALL" "$T/broken")
  if PROXICLOUD_HEALTH_TIMEOUT_S=15 bash "$ROOT/deploy/install.sh" --tarball "$broken" \
    --prefix "$PREFIX" --no-systemd --non-interactive; then
    fail 'install.sh accepted a release that cannot start'
  fi
  assert_eq "$(readlink -f "$PREFIX/current")" "$good" 'current points to the good release again'
  assert_eq "$(marker_rows "$MARK")" 1 'database rows kept after the rollback'
  check_traps
  [ ! -e "$DATA_DIR/proxicloud.sqlite-link" ] || fail 'the restore kept a database-named symlink'
  if [ "$(id -u)" = 0 ]; then
    assert_eq "$(stat -c %U:%a "$DATA_DIR/proxicloud.sqlite")" "$TEST_USER:600" \
      'the restored database belongs to the service user, 0600'
  fi
  assert_eq "$(find "$PREFIX/releases" -mindepth 1 -maxdepth 1 | wc -l)" 2 'current and previous only'
}

test_unit_verifies() {
  command -v systemd-analyze >/dev/null || { echo 'systemd-analyze not found: unit not verified'; return 0; }
  step 'systemd-analyze verify'
  local unit="$T/unit/proxicloud.service" user=${TEST_USER:-$(id -un)}
  mkdir -p "$T/unit"
  sed -e "s|@USER@|$user|g" -e "s|@GROUP@|$(id -gn "$user")|g" -e "s|@PREFIX@|$PREFIX|g" \
    -e "s|@CONFIG_FILE@|$CONFIG_DIR/config.yaml|g" -e "s|@DATA_DIR@|$DATA_DIR|g" \
    -e 's|@CAPABILITIES@||g' "$PREFIX/current/deploy/systemd/proxicloud.service" >"$unit"
  if grep -q '@[A-Z_]*@' "$unit"; then fail 'unfilled placeholder in the unit'; fi
  local out
  out=$(SYSTEMD_LOG_LEVEL=warning systemd-analyze verify "$unit" 2>&1) || fail "systemd-analyze: $out"
  [ -z "$out" ] || fail "systemd-analyze warnings: $out"
  echo 'ok - systemd-analyze verify'
}

test_uninstall_keeps_data_then_purge() {
  step 'uninstall, keeping config and data'
  "$PREFIX/uninstall.sh" --yes
  [ ! -e "$PREFIX" ] || fail "$PREFIX still exists"
  assert_file "$CONFIG_DIR/config.yaml"
  assert_file "$DATA_DIR/proxicloud.sqlite"
  step 'reinstall over the kept data, downloading from a mirror like the one-liner'
  local mirror_port
  mirror_port=$(free_port)
  make_mirror "$TARBALL" "$T/mirror"
  serve_dir "$T/mirror" "$mirror_port"
  PROXICLOUD_RELEASE_BASE="http://127.0.0.1:$mirror_port" bash "$ROOT/deploy/install.sh" \
    "${INSTALL_ARGS[@]}"
  assert_eq "$(marker_rows "$MARK")" 1 'database rows kept across reinstall'
  step 'uninstall --purge'
  # L-9: an install whose config dir was a directory install.sh did not make (an older install's
  # --config-dir /etc, say): --purge leaves that one and deletes the rest
  sed -i "s|^CONFIG_DIR=.*|CONFIG_DIR=$T/sysdir|" "$PREFIX/install.env"
  "$PREFIX/uninstall.sh" --purge --yes 2>"$T/purge.err"
  grep -q "kept $T/sysdir" "$T/purge.err" || fail "no word about the kept dir: $(cat "$T/purge.err")"
  assert_eq "$(cat "$T/sysdir/important")" 'not ProxiCloud' 'a directory install.sh did not make is kept'
  rm -rf "$CONFIG_DIR"
  for path in "$PREFIX" "$DATA_DIR"; do [ ! -e "$path" ] || fail "$path still exists"; done
  if [ "$(id -u)" = 0 ] && id -u "$TEST_USER" >/dev/null 2>&1; then fail "user $TEST_USER remains"; fi
}

main() {
  TEST_USER=proxicloud-test
  MARK="kept-$$-$RANDOM"
  if id -u "$TEST_USER" >/dev/null 2>&1; then fail "user $TEST_USER exists already (left over?)"; fi
  OWN_TEST_USER=1
  TARBALL=$(release_tarball)
  PORT=$(free_port)
  install_args
  test_bad_checksum_is_refused
  test_refuses_foreign_dirs
  test_fresh_install
  test_runs_and_records
  test_unit_verifies
  test_upgrade_keeps_data
  test_broken_release_rolls_back
  test_uninstall_keeps_data_then_purge
  printf '\ninstaller test: PASS (%ss)\n' "$SECONDS"
}

main "$@"
