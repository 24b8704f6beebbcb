import { describe, expect, it } from 'vitest';
import { addressPlan, insideAddress } from './container-address.js';

const net = (key: string, options: Record<string, string>) => ({ key, options });

describe('addressPlan', () => {
  it('takes a static IPv4 from the config without its prefix', () => {
    const nets = [net('net0', { name: 'eth0', bridge: 'vmbr0', ip: '10.10.0.101/24' })];
    expect(addressPlan(nets)).toEqual({ kind: 'static', ipv4: '10.10.0.101' });
  });

  it('sends DHCP and manual addresses to the interfaces of that net', () => {
    expect(addressPlan([net('net0', { name: 'eth0', ip: 'dhcp' })])).toEqual({
      kind: 'inside',
      name: 'eth0',
    });
    expect(addressPlan([net('net1', { ip: 'manual' })])).toEqual({ kind: 'inside', name: 'eth1' });
  });

  it('lets the first net that sets ip decide, skipping IPv6-only nets', () => {
    const nets = [
      net('net0', { name: 'eth0', ip6: 'auto' }),
      net('net1', { name: 'eth1', ip: '192.168.5.9/24' }),
      net('net2', { name: 'eth2', ip: 'dhcp' }),
    ];
    expect(addressPlan(nets)).toEqual({ kind: 'static', ipv4: '192.168.5.9' });
  });

  it('has no address without networks', () => {
    expect(addressPlan([])).toEqual({ kind: 'none' });
  });
});

describe('insideAddress', () => {
  const lo = { name: 'lo', hwaddr: '00:00:00:00:00:00', inet: '127.0.0.1/8' };
  it('reads the named interface first', () => {
    const eth0 = { name: 'eth0', hwaddr: 'bc:24:11:00:00:01', inet: '10.20.0.5/16' };
    const eth1 = { name: 'eth1', hwaddr: 'bc:24:11:00:00:02', inet: '10.30.0.5/16' };
    expect(insideAddress('eth1', [lo, eth0, eth1])).toBe('10.30.0.5');
  });

  it('falls back to the first non-loopback IPv4 and to nothing without a lease', () => {
    const eth0 = { name: 'eth0', hwaddr: 'bc:24:11:00:00:01', inet: '10.20.0.5/16' };
    expect(insideAddress('eth3', [lo, eth0])).toBe('10.20.0.5');
    expect(insideAddress('eth0', [lo, { name: 'eth0', hwaddr: 'x' }])).toBeUndefined();
  });
});
