#!/usr/bin/env bash
# Tests deploy/lxc/proxicloud-lxc.sh against fake pct, pveam and pvesh that record their calls:
# the container it creates, the offline install it runs inside, and the token hand-over.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/proxicloud-lxc-test.XXXXXX")
trap 'rm -rf "$T"' EXIT

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
  'pull '*) cp "$T/setup-token.sh" "\$4" ;;
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
  cat >"$T/setup-token.sh" <<EOF
#!/usr/bin/env bash
echo "setup-token \$*" >>"$T/calls"
printf 'pve:\n  url: %s\n' "\$2"
EOF
  printf '#!/usr/bin/env bash\necho 123\n' >"$T/bin/pvesh"
  printf '#!/usr/bin/env bash\necho "192.0.2.50 via 192.0.2.1 dev vmbr0 src 192.0.2.10 uid 0"\n' \
    >"$T/bin/ip"
  chmod +x "$T/bin/"*
}

# A stand-in release tarball: the helper only reads deploy/install.sh from it.
make_tarball() {
  local name=proxicloud-0.1.0-linux-amd64
  mkdir -p "$T/rel/$name/deploy"
  echo '# install.sh' >"$T/rel/$name/deploy/install.sh"
  tar -C "$T/rel" -czf "$T/$name.tar.gz" "$name"
  (cd "$T" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
  TARBALL="$T/$name.tar.gz"
}

run_helper() {
  : >"$T/calls"
  PATH="$T/bin:$PATH" bash "$ROOT/deploy/lxc/proxicloud-lxc.sh" --non-interactive \
    --tarball "$TARBALL" "$@" </dev/null >"$T/out" 2>"$T/err"
}

called() { grep -qxF -- "$1" "$T/calls" || fail "expected call: $1"; }

test_creates_and_installs() {
  step 'creates a container and installs the tarball in it'
  run_helper --no-token
  called 'pveam download local debian-12-standard_12.7-1_amd64.tar.zst'
  called "pct create 123 local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst --hostname proxicloud --ostype debian --unprivileged 1 --cores 2 --memory 1024 --swap 512 --rootfs local-lvm:4 --net0 name=eth0,bridge=vmbr0,ip=dhcp --features nesting=1 --onboot 1 --tags proxicloud --description ProxiCloud console"
  called 'pct start 123'
  called "pct push 123 $TARBALL /root/$(basename "$TARBALL")"
  called "pct push 123 $TARBALL.sha256 /root/$(basename "$TARBALL").sha256"
  called "pct exec 123 -- bash /root/install.sh --listen 0.0.0.0 --port 8080 --non-interactive --tarball /root/$(basename "$TARBALL")"
  if grep -q 'setup-token' "$T/calls"; then fail '--no-token still created a token'; fi
  grep -q 'http://192.0.2.50:8080/' "$T/out" || fail "no URL in the output: $(cat "$T/out")"
  echo 'ok - container created, release installed, URL printed'
}

test_hands_the_token_over() {
  step 'creates the Proxmox token on the host and configures the console'
  run_helper --ctid 200 --port 9000
  called 'setup-token --url https://192.0.2.10:8006'
  grep -qx '  url: https://192.0.2.10:8006' "$T/ct/config.yaml" || fail 'config lines not written'
  called 'pct exec 200 -- systemctl restart proxicloud'
  echo 'ok - token created with the host address and written into the container'
}

main() {
  [ "$(id -u)" = 0 ] || { echo 'lxc helper test: skipped (the helper needs root)'; exit 0; }
  make_fakes
  make_tarball
  test_creates_and_installs
  test_hands_the_token_over
  printf '\nlxc helper test: PASS\n'
}

main "$@"
