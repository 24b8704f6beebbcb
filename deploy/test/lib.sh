#!/usr/bin/env bash
# Helpers of installer-test.sh (sourced). Expects T, PREFIX, DATA_DIR, PORT and TEST_USER.

step() { printf '\n### %s (%ss)\n' "$*" "$SECONDS"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
assert_eq() { [ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"; echo "ok - $3"; }
assert_file() { [ -e "$1" ] || fail "$1 is missing"; }

free_port() {
  node -e '
    const s = require("net").createServer();
    s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });
  '
}

http_status() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$PORT$1" || true
}

# Starts the installed app as a real install would run it (its launcher, its user, its data dir).
start_app() {
  local cmd=(env PROXICLOUD_DEMO_SPEED=0 "$PREFIX/bin/proxicloud")
  if [ "$(id -u)" = 0 ]; then cmd=(runuser -u "$TEST_USER" -- "${cmd[@]}"); fi
  (cd "$DATA_DIR" && exec "${cmd[@]}") >>"$T/app.log" 2>&1 &
  APP_PID=$!
  local i
  for i in $(seq 1 60); do
    [ "$(http_status /api/health)" = 200 ] && return 0
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 1
  done
  tail -n 30 "$T/app.log" >&2
  fail "the installed app did not become healthy (waited ${i}s)"
}

stop_app() {
  [ -n "${APP_PID:-}" ] || return 0
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=''
}

# Data the upgrade must keep: a row in the console's SQLite file, written with the installed
# runtime's better-sqlite3 (the API's write routes need an account, which is not this test's topic).
sqlite_run() {
  "$PREFIX/current/node/bin/node" -e '
    const Database = require(process.argv[1]);
    const db = new Database(process.argv[2]);
    const [sql, ...args] = process.argv.slice(3);
    const stmt = db.prepare(sql);
    console.log(stmt.reader ? stmt.pluck().get(...args) : stmt.run(...args).changes);
  ' "$PREFIX/current/app/node_modules/better-sqlite3" "$DATA_DIR/proxicloud.sqlite" "$@"
}

write_marker_row() {
  sqlite_run 'create table if not exists installer_test_marker (note text not null)' >/dev/null
  sqlite_run 'insert into installer_test_marker (note) values (?)' "$1" >/dev/null
}

marker_rows() {
  sqlite_run 'select count(*) from installer_test_marker where note = ?' "$1"
}

# A tiny release whose server exits at once: it must fail the installer's health check. Its Node.js
# is a link to the installed one (the installer runs it for its checks); the rest is not needed.
make_broken_release() {
  local tarball=$1 dir=$2 arch name
  arch=$(basename "$tarball" .tar.gz)
  arch=${arch##*-linux-}
  name="proxicloud-99.0.0-broken-linux-$arch"
  mkdir -p "$dir/$name/bin" "$dir/$name/node/bin"
  ln -s "$(readlink -f "$PREFIX/current/node/bin/node")" "$dir/$name/node/bin/node"
  printf '#!/bin/sh\nexit 3\n' >"$dir/$name/bin/proxicloud-server"
  chmod 0755 "$dir/$name/bin/proxicloud-server"
  tar -C "$dir" -czf "$dir/$name.tar.gz" "$name"
  (cd "$dir" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
  echo "$dir/$name.tar.gz"
}

# Serves DIR over HTTP on 127.0.0.1:PORT like a release mirror (GitHub's releases/ layout).
serve_dir() {
  node -e '
    const { createServer } = require("http");
    const { createReadStream, statSync } = require("fs");
    const { join, normalize } = require("path");
    const [dir, port] = process.argv.slice(1);
    createServer((req, res) => {
      const file = join(dir, normalize(decodeURIComponent(req.url)).replace(/^(\.\.[/\\])+/, ""));
      try {
        if (!statSync(file).isFile()) throw new Error("not a file");
        createReadStream(file).pipe(res);
      } catch {
        res.writeHead(404).end();
      }
    }).listen(Number(port), "127.0.0.1");
  ' "$1" "$2" &
  # shellcheck disable=SC2034 # read by the cleanup of the test that sources this file
  MIRROR_PID=$!
  local i
  for i in $(seq 1 50); do
    curl -s -o /dev/null "http://127.0.0.1:$2/" && return 0
    sleep 0.2
  done
  fail "the mirror did not start on port $2 (waited ${i} tries)"
}

# A mirror holding the release as install.sh expects to download it.
make_mirror() {
  local tarball=$1 dir=$2 name version
  name=$(basename "$tarball")
  version=${name#proxicloud-}
  version=${version%-linux-*}
  mkdir -p "$dir/latest/download" "$dir/download/v$version"
  echo "$version" >"$dir/latest/download/VERSION"
  ln -s "$tarball" "$dir/download/v$version/$name"
  ln -s "$tarball.sha256" "$dir/download/v$version/$name.sha256"
}
