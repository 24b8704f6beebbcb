import { describe, expect, it } from 'vitest';
import { getApiSchema } from './api-schema.js';
import { FORMAT_CHECKS, FORMATS_ACCEPTED_WITHOUT_CHECK, parseDiskSize } from './formats.js';
import type { PropertySchema } from './types.js';

function namedFormats(schema: PropertySchema | undefined, into: Set<string>): void {
  if (!schema || typeof schema !== 'object') return;
  if (typeof schema.format === 'string') into.add(schema.format.replace(/-(list|opt)$/, ''));
  if (typeof schema.format === 'object')
    Object.values(schema.format).forEach((s) => namedFormats(s, into));
  Object.values(schema.properties ?? {}).forEach((s) => namedFormats(s, into));
  namedFormats(schema.items, into);
}

const check = (name: string, value: string): string | undefined => FORMAT_CHECKS[name](value);

describe('named formats', () => {
  it('covers every format that apidoc.json parameters use, either checked or listed as unchecked', () => {
    const used = new Set<string>();
    for (const ep of getApiSchema().endpoints())
      namedFormats(ep.parameters as PropertySchema, used);
    const unknown = [...used].filter(
      (f) => !FORMAT_CHECKS[f] && !FORMATS_ACCEPTED_WITHOUT_CHECK.has(f),
    );
    expect(unknown).toEqual([]);
  });

  it('never lists a checked format as unchecked', () => {
    expect([...FORMATS_ACCEPTED_WITHOUT_CHECK].filter((f) => FORMAT_CHECKS[f])).toEqual([]);
  });

  it('checks VM IDs, node names and storage IDs', () => {
    expect(check('pve-vmid', '100')).toBeUndefined();
    expect(check('pve-vmid', '0100')).toBe('value does not look like a valid VM ID\n');
    expect(check('pve-node', 'pve-1')).toBeUndefined();
    expect(check('pve-node', 'pve_1')).toBe('value does not look like a valid node name\n');
    expect(check('pve-storage-id', 'local-lvm')).toBeUndefined();
    expect(check('pve-storage-id', '1local')).toBe(
      "storage ID '1local' contains illegal characters\n",
    );
  });

  it('checks IPv4, IPv6 and CIDR networks with the prefix limits of PVE', () => {
    expect(check('ipv4', '192.168.1.10')).toBeUndefined();
    expect(check('ipv4', '192.168.1.256')).toBe('value does not look like a valid IPv4 address\n');
    expect(check('ipv6', 'fe80::1')).toBeUndefined();
    expect(check('ipv6', '2001:db8::1::2')).toBe('value does not look like a valid IPv6 address\n');
    expect(check('CIDRv4', '10.0.0.0/8')).toBeUndefined();
    expect(check('CIDRv4', '10.0.0.0/7')).toBe(
      'value does not look like a valid IPv4 CIDR network\n',
    );
    expect(check('CIDRv6', '2001:db8::/129')).toBe(
      'value does not look like a valid IPv6 CIDR network\n',
    );
    expect(check('pve-ipv4-config', 'manual')).toBeUndefined();
    expect(check('pve-ipv6-config', 'auto')).toBeUndefined();
    expect(check('ipv4mask', '255.255.255.0')).toBeUndefined();
    expect(check('ipv4mask', '255.0.255.0')).toBe('value does not look like a valid IP netmask\n');
  });

  it('checks MAC addresses, user ids, volume ids and disk sizes', () => {
    expect(check('mac-addr', 'BC:24:11:AA:BB:CC')).toBeUndefined();
    expect(check('mac-addr', '01:24:11:AA:BB:CC')).toBe(
      'value does not look like a valid unicast MAC address\n',
    );
    expect(check('pve-userid', 'root@pam')).toBeUndefined();
    expect(check('pve-userid', 'root')).toBe("value 'root' does not look like a valid user name\n");
    expect(check('pve-volume-id', 'local:vztmpl/debian.tar.zst')).toBeUndefined();
    expect(check('pve-volume-id', 'debian.tar.zst')).toBe(
      "unable to parse volume ID 'debian.tar.zst'\n",
    );
    expect(parseDiskSize('8G')).toBe(8 * 1024 ** 3);
    expect(check('disk-size', '8X')).toBe('value does not look like a valid disk size: 8X\n');
  });

  it('checks startup orders and mount point paths', () => {
    expect(check('pve-startup-order', 'order=1,up=30')).toBeUndefined();
    expect(check('pve-startup-order', 'first')).toBe('unable to parse startup options\n');
    expect(check('pve-lxc-mp-string', '/mnt/../etc')).toBe(
      '/mnt/../etc contains illegal character sequences\n',
    );
  });
});
