import { splitPropertyString, type ConfigValue } from '../cluster/model.js';
import { splitList } from '../schema/index.js';

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

export interface TagStyle {
  caseSensitive: boolean;
  ordering: string;
}

const DEFAULT_TAG_STYLE: TagStyle = { caseSensitive: false, ordering: 'alphabetical' };

/**
 * PVE::GuestHelpers::get_unique_tags under datacenter.cfg's tag-style: sorted (Perl `cmp`, on the
 * lower-cased tags unless case-sensitive) unless ordering is `config`, lower-cased unless
 * case-sensitive, the first of equal tags kept, stored `;`-separated.
 */
export function normalizeTags(value: string, style: TagStyle = DEFAULT_TAG_STYLE): string {
  const fold = (t: string) => (style.caseSensitive ? t : t.toLowerCase());
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const given = splitList(value);
  const ordered =
    style.ordering === 'config' ? given : [...given].sort((a, b) => cmp(fold(a), fold(b)));
  return [...new Set(ordered.map(fold))].join(';');
}

export function storedValue(
  key: string,
  value: unknown,
  mac: () => string,
  tagStyle: TagStyle = DEFAULT_TAG_STYLE,
): ConfigValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  const text = String(value);
  if (/^net\d+$/.test(key)) return normalizeNet(text, mac);
  if (key === 'tags') return normalizeTags(text, tagStyle);
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
