import { describe, expect, it } from 'vitest';
import { buildNetString, buildPropertyString, parsePropertyString } from './property-string.js';

describe('parsePropertyString', () => {
  it('reads key=value pairs as PVE writes them back', () => {
    expect(
      parsePropertyString(
        'name=eth0,bridge=vmbr0,gw=10.1.1.1,hwaddr=FF:FF:FF:FF:FF:FF,ip=10.1.1.3/24,type=veth',
      ),
    ).toEqual({
      name: 'eth0',
      bridge: 'vmbr0',
      gw: '10.1.1.1',
      hwaddr: 'FF:FF:FF:FF:FF:FF',
      ip: '10.1.1.3/24',
      type: 'veth',
    });
  });

  it('puts a bare first value under the default key (rootfs volume)', () => {
    expect(parsePropertyString('local-lvm:vm-101-disk-0,size=8G', 'volume')).toEqual({
      volume: 'local-lvm:vm-101-disk-0',
      size: '8G',
    });
  });

  it('keeps semicolon lists inside a value', () => {
    expect(parsePropertyString('nesting=1,mount=nfs;cifs')).toEqual({
      nesting: '1',
      mount: 'nfs;cifs',
    });
  });
});

describe('buildNetString', () => {
  it('builds a net[n] value with booleans as 1/0 and leaves out what is not set', () => {
    expect(
      buildNetString({
        name: 'eth0',
        bridge: 'vmbr0',
        ip: '10.0.0.5/24',
        gw: '10.0.0.1',
        tag: 20,
        firewall: true,
      }),
    ).toBe('name=eth0,bridge=vmbr0,firewall=1,gw=10.0.0.1,ip=10.0.0.5/24,tag=20');
    expect(
      buildNetString({ name: 'eth1', bridge: 'vmbr1', ip: 'dhcp', ip6: 'auto', firewall: false }),
    ).toBe('name=eth1,bridge=vmbr1,firewall=0,ip=dhcp,ip6=auto');
  });

  it('round-trips through parsePropertyString', () => {
    const spec = { name: 'eth0', bridge: 'vmbr0', ip6: '2001:db8::5/64', gw6: '2001:db8::1' };
    expect(parsePropertyString(buildNetString(spec))).toEqual(spec);
  });

  it('refuses a missing bridge, a VLAN tag out of range and values that would inject keys', () => {
    expect(() => buildNetString({ name: 'eth0', bridge: '' })).toThrow(/bridge/);
    expect(() => buildNetString({ name: 'eth0', bridge: 'vmbr0', tag: 4095 })).toThrow(/tag/);
    expect(() => buildPropertyString({ ip: 'dhcp,bridge=evil' })).toThrow(/must not contain/);
  });
});
