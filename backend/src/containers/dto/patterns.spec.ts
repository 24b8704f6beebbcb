import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { CreateContainerDto } from './create-container.dto.js';
import { isIp6Config } from './network-rules.js';
import { isIpAddress, isIpv6Address, isIpv6Cidr, isSshKeyList } from './patterns.js';
import { NetworkChangeDto } from './update-container.dto.js';

// 95 KB of colons: the body that blocked the event loop for 11 s with the old pattern (L-1)
const COLONS = ':'.repeat(95_000);

describe('IPv6 checks', () => {
  it('accept addresses and prefixes Proxmox accepts', () => {
    expect(isIpv6Address('fd00::1')).toBe(true);
    expect(isIpv6Address('::ffff:192.168.1.1')).toBe(true);
    expect(isIpv6Cidr('fd00::50/64')).toBe(true);
    expect(isIpv6Cidr('2001:db8::/128')).toBe(true);
    expect(isIp6Config('auto')).toBe(true);
    expect(isIp6Config('dhcp')).toBe(true);
    expect(isIpAddress('9.9.9.9')).toBe(true);
    expect(isIpAddress('2620:fe::fe')).toBe(true);
  });

  it('refuse colon runs and other text that only looks like IPv6', () => {
    expect(isIpv6Address(':::::')).toBe(false);
    expect(isIpv6Address('fd00::1%eth0')).toBe(false);
    expect(isIpv6Cidr('fd00::50/129')).toBe(false);
    expect(isIpv6Cidr('fd00::50')).toBe(false);
    expect(isIpv6Cidr('::::/64')).toBe(false);
    expect(isIpAddress('1.2.3')).toBe(false);
  });

  it('refuse a 95 KB value by its length', () => {
    expect(isIpv6Address(`${COLONS}x`)).toBe(false);
    expect(isIpv6Cidr(`${COLONS}/64`)).toBe(false);
    expect(isIp6Config(`${COLONS}x`)).toBe(false);
  });

  it('make the create and edit bodies answer with the field rule', () => {
    const create = plainToInstance(CreateContainerDto, {
      ip6: `${COLONS}/x`,
      gateway6: `${COLONS}x`,
    });
    const createErrors = validateSync(create).filter((e) => e.property.endsWith('6'));
    expect(createErrors.map((e) => Object.values(e.constraints ?? {}))).toEqual([
      ["ip6 must be 'dhcp', 'auto' or an IPv6 address with prefix such as fd00::50/64"],
      ['gateway6 must be an IPv6 address such as fd00::1'],
    ]);
    const edit = plainToInstance(NetworkChangeDto, { ip6: '::::/64', gateway6: ':::' });
    expect(validateSync(edit).map((e) => e.property)).toEqual(['ip6', 'gateway6']);
  });
});

describe('SSH public keys', () => {
  const key =
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINp8RE5JLRizrtLGOTnQdyk1KhKbBuzPUHznIBV1Q/IR me@laptop';

  it('accepts keys one per line, blank lines and a missing comment included', () => {
    expect(isSshKeyList(`${key}\n\n${key.replace(/ me@laptop$/, '')}\n`)).toBe(true);
  });

  it('refuses what ssh-keygen -l refuses on PVE: no key, a cut blob, a blob of another type', () => {
    expect(isSshKeyList('not a key')).toBe(false);
    expect(isSshKeyList('ssh-ed25519 AAAA me@laptop')).toBe(false);
    expect(isSshKeyList(key.replace(/^ssh-ed25519/, 'ssh-rsa'))).toBe(false);
    expect(isSshKeyList(`${key}\n# a comment`)).toBe(false);
    expect(isSshKeyList('')).toBe(false);
    expect(isSshKeyList(null)).toBe(false);
  });
});
