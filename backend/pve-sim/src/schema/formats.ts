/**
 * Named string formats of PVE::JSONSchema (pve-common) and the PVE modules that register more.
 * Each check returns PVE's `die` text (with its trailing newline, which PVE keeps in the 400
 * body) or undefined when the value is fine.
 */
type FormatCheck = (value: string) => string | undefined;

const IPV4_OCTET = '(?:25[0-5]|(?:2[0-4]|1[0-9]|[1-9])?[0-9])';
const IPV4 = `(?:(?:${IPV4_OCTET}\\.){3}${IPV4_OCTET})`;
const H16 = '(?:[0-9a-fA-F]{1,4})';
const LS32 = `(?:(?:${IPV4}|${H16}:${H16}))`;
// RFC 3986 grammar, as PVE::Tools::$IPV6RE spells it
const IPV6 = [
  `(?:(?:(?:${H16}:){6})${LS32})`,
  `(?:(?:::(?:${H16}:){5})${LS32})`,
  `(?:(?:(?:${H16})?::(?:${H16}:){4})${LS32})`,
  `(?:(?:(?:(?:${H16}:){0,1}${H16})?::(?:${H16}:){3})${LS32})`,
  `(?:(?:(?:(?:${H16}:){0,2}${H16})?::(?:${H16}:){2})${LS32})`,
  `(?:(?:(?:(?:${H16}:){0,3}${H16})?::(?:${H16}:){1})${LS32})`,
  `(?:(?:(?:(?:${H16}:){0,4}${H16})?::)${LS32})`,
  `(?:(?:(?:(?:${H16}:){0,5}${H16})?::)${H16})`,
  `(?:(?:(?:(?:${H16}:){0,6}${H16})?::))`,
].join('|');

const IPV4_RE = new RegExp(`^${IPV4}$`);
const IPV6_RE = new RegExp(`^(?:${IPV6})$`);
const CIDRV4_RE = new RegExp(`^${IPV4}/(\\d+)$`);
const CIDRV6_RE = new RegExp(`^(?:${IPV6})/(\\d+)$`);
const DNS_LABEL = '([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?)';
const DNS_RE = new RegExp(`^(${DNS_LABEL}\\.)*${DNS_LABEL}$`);
const EMAIL_USER = '[\\w+\\-~]+(\\.[\\w+\\-~]+)*';
const EMAIL_RE = new RegExp(`^${EMAIL_USER}@[a-zA-Z0-9\\-]+(\\.[a-zA-Z0-9\\-]+)*$`);
const EMAIL_USER_RE = new RegExp(`^${EMAIL_USER}$`);
const REALM = '[A-Za-z][A-Za-z0-9.\\-_]+';
const USERID_RE = new RegExp(`^([^\\s:/]+)@(${REALM})$`);
const TOKENID_RE = new RegExp(`^([^\\s:/]+)@(${REALM})!(${REALM})$`);

const IPV4_MASKS = new Set(
  Array.from({ length: 33 }, (_, bits) => {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return [24, 16, 8, 0].map((shift) => (mask >>> shift) & 255).join('.');
  }),
);

function regexCheck(re: RegExp, message: (v: string) => string): FormatCheck {
  return (v) => (re.test(v) ? undefined : message(v));
}

function cidr(re: RegExp, maxBits: number, v: string): boolean {
  const m = re.exec(v);
  return m !== null && Number(m[1]) > 7 && Number(m[1]) <= maxBits;
}

const isIp = (v: string): boolean => IPV4_RE.test(v) || IPV6_RE.test(v);
const isCidr = (v: string): boolean => cidr(CIDRV4_RE, 32, v) || cidr(CIDRV6_RE, 128, v);

/** PVE::JSONSchema::parse_size: digits with an optional K/M/G/T suffix. */
export function parseDiskSize(v: string): number | undefined {
  const m = /^(\d+(\.\d+)?)([KMGT])?$/.exec(v);
  if (!m) return undefined;
  const exponent = m[3] ? 'KMGT'.indexOf(m[3]) + 1 : 0;
  return Math.trunc(Number(m[1]) * 1024 ** exponent);
}

/** pve_parse_startup_order: '[order=]N,up=N,down=N' in any order. */
function isStartupOrder(v: string): boolean {
  if (!v) return false;
  return v
    .split(',')
    .filter((p) => !/^\s*$/.test(p))
    .every((p) => /^(order=)?\d+$/.test(p) || /^(up|down)=\d+$/.test(p));
}

function vlanIdOrRange(v: string): string | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(v);
  if (!m) return `invalid VLAN configuration '${v}'\n`;
  for (const tag of [m[1], m[2]]) {
    if (tag && (Number(tag) < 2 || Number(tag) > 4094)) return `invalid VLAN tag '${tag}'\n`;
  }
  if (m[2] && Number(m[1]) >= Number(m[2])) {
    return `VLAN range must go from lower to higher tag '${v}'\n`;
  }
  return undefined;
}

const idCheck = (kind: string): FormatCheck =>
  regexCheck(
    /^[a-z][a-z0-9\-_.]*[a-z0-9]$/i,
    (v) => `${kind} ID '${v}' contains illegal characters\n`,
  );

export const FORMAT_CHECKS: Readonly<Record<string, FormatCheck>> = {
  // pve-common src/PVE/JSONSchema.pm (wording copied from the source)
  string: () => undefined,
  urlencoded: regexCheck(/^[-%a-zA-Z0-9_.!~*'()]*$/, (v) => `invalid urlencoded string: ${v}\n`),
  'pve-configid': regexCheck(/^[a-z][a-z0-9_-]+$/i, (v) => `invalid configuration ID '${v}'\n`),
  'pve-storage-id': idCheck('storage'),
  'acme-plugin-id': idCheck('ACME plugin'),
  'pve-bridge-id': regexCheck(/^[-_.\w\d]+$/, (v) => `invalid bridge ID '${v}'\n`),
  'pve-vmid': regexCheck(/^[1-9][0-9]{2,8}$/, () => 'value does not look like a valid VM ID\n'),
  'pve-node': regexCheck(
    /^([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)$/,
    () => 'value does not look like a valid node name\n',
  ),
  'mac-addr': regexCheck(
    /^[a-f0-9][02468ace](?::[a-f0-9]{2}){5}$/i,
    () => 'value does not look like a valid unicast MAC address\n',
  ),
  ipv4: regexCheck(IPV4_RE, () => 'value does not look like a valid IPv4 address\n'),
  ipv6: regexCheck(IPV6_RE, () => 'value does not look like a valid IPv6 address\n'),
  ip: (v) => (isIp(v) ? undefined : 'value does not look like a valid IP address\n'),
  ipv4mask: (v) =>
    IPV4_MASKS.has(v) ? undefined : 'value does not look like a valid IP netmask\n',
  CIDRv4: (v) =>
    cidr(CIDRV4_RE, 32, v) ? undefined : 'value does not look like a valid IPv4 CIDR network\n',
  CIDRv6: (v) =>
    cidr(CIDRV6_RE, 128, v) ? undefined : 'value does not look like a valid IPv6 CIDR network\n',
  CIDR: (v) => (isCidr(v) ? undefined : 'value does not look like a valid CIDR network\n'),
  'pve-ipv4-config': (v) =>
    /^(?:dhcp|manual)$/.test(v) || cidr(CIDRV4_RE, 32, v)
      ? undefined
      : 'value does not look like a valid ipv4 network configuration\n',
  'pve-ipv6-config': (v) =>
    /^(?:auto|dhcp|manual)$/.test(v) || cidr(CIDRV6_RE, 128, v)
      ? undefined
      : 'value does not look like a valid ipv6 network configuration\n',
  email: regexCheck(EMAIL_RE, () => 'value does not look like a valid email address\n'),
  'email-or-username': (v) =>
    EMAIL_RE.test(v) || EMAIL_USER_RE.test(v)
      ? undefined
      : 'value does not look like a valid email address or user name\n',
  'dns-name': regexCheck(DNS_RE, () => 'value does not look like a valid DNS name\n'),
  'pve-iface': regexCheck(
    /^[a-z][a-z0-9_]{1,20}([:.]\d+)?$/i,
    (v) => `invalid network interface name '${v}'\n`,
  ),
  'pve-vlan-id-or-range': vlanIdOrRange,
  address: (v) =>
    isIp(v) || DNS_RE.test(v) ? undefined : `value does not look like a valid address: ${v}\n`,
  'disk-size': (v) =>
    parseDiskSize(v) === undefined
      ? `value does not look like a valid disk size: ${v}\n`
      : undefined,
  'pve-startup-order': (v) => (isStartupOrder(v) ? undefined : 'unable to parse startup options\n'),
  'pve-tag': regexCheck(/^[a-z0-9_][a-z0-9_\-+.]*$/i, () => 'invalid characters in tag\n'),
  'ldap-simple-attr': regexCheck(
    /^[a-zA-Z0-9]+$/,
    (v) => `value '${v}' does not look like a simple ldap attribute name\n`,
  ),
  'pve-task-status-type': regexCheck(
    /^(ok|error|warning|unknown)$/i,
    (v) => `invalid status '${v}'\n`,
  ),
  // pve-storage PVE::Storage::parse_volume_id
  'pve-volume-id': regexCheck(
    /^([a-z][a-z0-9\-_.]*[a-z0-9]):(.+)$/i,
    (v) => `unable to parse volume ID '${v}'\n`,
  ),
  // pve-container verify_lxc_mp_string: no '.'/'..' path components that escape the mount point
  'pve-lxc-mp-string': (v) =>
    /\/\.\.?\//.test(v) || /\/\.\.?$/.test(v) || /^\.\.\//.test(v)
      ? `${v} contains illegal character sequences\n`
      : undefined,
  // pve-access-control PVE::Auth::Plugin (wording from memory, not re-read from source)
  'pve-userid': (v) => checkUserid(v),
  'pve-tokenid': regexCheck(
    TOKENID_RE,
    (v) => `value '${v}' does not look like a valid token ID\n`,
  ),
  'pve-realm': regexCheck(
    new RegExp(`^${REALM}$`),
    (v) => `value '${v}' does not look like a valid realm\n`,
  ),
};

function checkUserid(v: string): string | undefined {
  if (v.length < 3) return `user name '${v}' is too short\n`;
  if (v.length > 64) return `user name '${v}' is too long (${v.length} > 64)\n`;
  return USERID_RE.test(v) ? undefined : `value '${v}' does not look like a valid user name\n`;
}

/**
 * Named formats that apidoc.json uses but this simulator does not check: their validator lives
 * in PVE code we have not ported (firewall, SDN, QEMU, Ceph, storage plugins, calendar events),
 * or they are hash formats registered by name whose key list apidoc.json does not carry.
 * A value in one of these formats is accepted as long as type/pattern/length checks pass.
 */
export const FORMATS_ACCEPTED_WITHOUT_CHECK: ReadonlySet<string> = new Set([
  'IPorCIDR',
  'IPorCIDRorAlias',
  'backup-fleecing',
  'backup-performance',
  'bridge-pair',
  'email-opt',
  'graphite-path',
  'mac-prefix',
  'pem-certificate-chain',
  'pem-string',
  'prune-backups',
  'proxmox-remote',
  'pve-acme-alias',
  'pve-acme-domain',
  'pve-calendar-event',
  'pve-command-batch',
  'pve-cpuset',
  'pve-ct-timezone',
  'pve-day-of-week',
  'pve-dir-override',
  'pve-fw-addr-spec',
  'pve-fw-conntrack-helper',
  'pve-fw-dport-spec',
  'pve-fw-icmp-type-spec',
  'pve-fw-protocol-spec',
  'pve-fw-sport-spec',
  'pve-groupid',
  'pve-ha-node',
  'pve-ha-resource-id',
  'pve-ha-resource-or-vm-id',
  'pve-hotplug-features',
  'pve-lxc-dev-string',
  'pve-poolid',
  'pve-priv',
  'pve-qemu-sev-fmt',
  'pve-qemu-tdx-fmt',
  'pve-qm-boot',
  'pve-qm-bootdisk',
  'pve-qm-cicustom',
  'pve-qm-hostpci',
  'pve-qm-ide',
  'pve-qm-ipconfig',
  'pve-qm-rng',
  'pve-qm-smbios1',
  'pve-qm-watchdog',
  'pve-replication-job-id',
  'pve-roleid',
  'pve-sdn-bgp-rt',
  'pve-sdn-controller-id',
  'pve-sdn-dhcp-range',
  'pve-sdn-dns-id',
  'pve-sdn-fabric-id',
  'pve-sdn-ipam-id',
  'pve-sdn-isis-net',
  'pve-sdn-subnet-id',
  'pve-sdn-vnet-id',
  'pve-sdn-zone-id',
  'pve-storage-content',
  'pve-storage-options',
  'pve-storage-path',
  'pve-storage-path-in-property-string',
  'pve-storage-portal-dns',
  'pve-storage-server',
  'pve-storage-vgname',
  'pve-tfa-config',
  'pve-vm-cpu-conf',
  'pve-volume-id-or-absolute-path',
  'pve-volume-id-or-qm-path',
  'realm-sync-options',
  'storage-pair',
  'lxc-ip-with-ll-iface',
]);
