import { splitPropertyString, type ConfigValue } from '../cluster/model.js';

/** Parameters of create/PUT that never land in the CT config file. */
export const NOT_STORED = new Set([
  'vmid',
  'node',
  'ostemplate',
  'password',
  'ssh-public-keys',
  'storage',
  'start',
  'pool',
  'force',
  'restore',
  'unique',
  'ignore-unpack-errors',
  'bwlimit',
  'ha-managed',
  'delete',
  'revert',
  'digest',
]);

/** On readback PVE fills in hwaddr and type=veth for every net[n]. */
export function normalizeNet(value: string, mac: () => string): string {
  const parts = splitPropertyString(value);
  parts.hwaddr ??= mac();
  parts.type ??= 'veth';
  const { name, ...rest } = parts;
  return [
    `name=${name}`,
    ...Object.keys(rest)
      .sort()
      .map((k) => `${k}=${rest[k]}`),
  ].join(',');
}

/**
 * PVE::GuestHelpers::get_unique_tags with datacenter.cfg's default tag-style (not case-sensitive,
 * ordering by name): lower-cased, sorted, de-duplicated, stored `;`-separated.
 */
export function normalizeTags(value: string): string {
  const tags = value
    .split(/[;,\s]+/)
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean)
    .sort();
  return [...new Set(tags)].join(';');
}

export function storedValue(key: string, value: unknown, mac: () => string): ConfigValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  const text = String(value);
  if (/^net\d+$/.test(key)) return normalizeNet(text, mac);
  if (key === 'tags') return normalizeTags(text);
  return text;
}

/** ostype from the template name, as PVE detects it from the unpacked rootfs. */
export function ostypeOf(template: string): string {
  const file = template.split('/').pop() ?? '';
  const known = [
    'debian',
    'ubuntu',
    'alpine',
    'centos',
    'fedora',
    'archlinux',
    'opensuse',
    'gentoo',
    'devuan',
    'nixos',
  ];
  const os = known.find((k) => file.startsWith(k));
  if (os) return os;
  return /^(almalinux|rockylinux)/.test(file) ? 'centos' : 'unmanaged';
}
