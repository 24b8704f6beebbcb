import { describe, expect, it } from 'vitest';
import { mapContainerConfig, mapSnapshots } from '../proxmox/container-config.mapper.js';
import { planConfigChange, privilegesForChange, storedTags } from './container-config-change.js';

const config = mapContainerConfig({
  hostname: 'web-1',
  cores: 2,
  memory: 512,
  swap: 512,
  tags: 'prod;web',
  description: 'note',
  protection: 1,
  net0: 'name=eth0,bridge=vmbr0,firewall=1,hwaddr=BC:24:11:00:00:01,ip=dhcp,tag=20,type=veth',
  digest: 'a'.repeat(40),
});

describe('planConfigChange', () => {
  it('sends nothing for values equal to the current ones', () => {
    expect(
      planConfigChange({ cores: 2, memory: 512, tags: ['WEB', 'prod'], protection: true }, config),
    ).toEqual({ set: {}, delete: [] });
  });

  it('sets what differs and deletes what is cleared with 0, empty, false or listed in delete', () => {
    const change = planConfigChange(
      {
        delete: ['cores', 'swap', 'swap', 'nameserver'],
        memory: 1024,
        cpulimit: 0,
        description: '',
        protection: false,
        onboot: true,
      },
      config,
    );
    expect(change).toEqual({
      set: { memory: 1024, onboot: 1 },
      delete: ['description', 'protection', 'cores', 'swap'],
    });
  });

  it('refuses a setting both given a value and listed in delete, as PVE does', () => {
    expect(() => planConfigChange({ cores: 2, delete: ['cores'] }, config)).toThrow(
      /cores is both given a value and listed in delete/,
    );
    expect(() =>
      planConfigChange({ networks: [{ key: 'net0', mtu: 1400, delete: ['mtu'] }] }, config),
    ).toThrow(/net0.mtu is both given a value/);
  });

  it('stores tags as PVE does: lower-cased, sorted, unique', () => {
    expect(storedTags(['Web', 'alpha', 'web'])).toBe('alpha;web');
    expect(planConfigChange({ tags: [] }, config)).toEqual({ set: {}, delete: ['tags'] });
  });

  it('edits a network keeping its MAC address and the options it does not touch', () => {
    const change = planConfigChange(
      { networks: [{ key: 'net0', delete: ['vlan'], mtu: 1400 }] },
      config,
    );
    expect(change.set.net0).toBe(
      'name=eth0,bridge=vmbr0,firewall=1,hwaddr=BC:24:11:00:00:01,ip=dhcp,type=veth,mtu=1400',
    );
  });

  it('adds a network on the next free key with the wizard defaults, and removes one', () => {
    expect(
      planConfigChange({ networks: [{ ip: '10.0.0.2/24', gateway: '10.0.0.1' }] }, config),
    ).toEqual({ set: { net1: 'name=eth1,bridge=vmbr0,ip=10.0.0.2/24,gw=10.0.0.1' }, delete: [] });
    expect(planConfigChange({ networks: [{ key: 'net0', remove: true }] }, config)).toEqual({
      set: {},
      delete: ['net0'],
    });
  });

  it('refuses a gateway without a static address and bad DNS servers', () => {
    expect(() =>
      planConfigChange({ networks: [{ key: 'net0', gateway: '1.2.3.4' }] }, config),
    ).toThrow(/net0.gateway needs a static ip/);
    expect(() => planConfigChange({ nameserver: 'dns.example' }, config)).toThrow(
      /not an IP address/,
    );
    expect(() => planConfigChange({ nameserver: '1.1.1.1 :::::' }, config)).toThrow(
      /':::::' is not an IP address/,
    );
    expect(planConfigChange({ nameserver: '1.1.1.1 2620:fe::fe' }, config).set).toMatchObject({
      nameserver: '1.1.1.1 2620:fe::fe',
    });
  });
});

describe('mapSnapshots', () => {
  it("drops PVE's current entry, keeps its parent and orders parents before children", () => {
    const list = mapSnapshots([
      { name: 'b', snaptime: 100, parent: 'a', description: '' },
      { name: 'current', description: 'You are here!', parent: 'b' },
      { name: 'a', snaptime: 100, description: 'first' },
    ]);
    expect(list.currentParent).toBe('b');
    expect(list.snapshots.map((s) => s.name)).toEqual(['a', 'b']);
  });
});

describe('privilegesForChange', () => {
  it('asks for the VM.Config.* privilege of each key and SDN.Use on every bridge touched', () => {
    const change = planConfigChange(
      { cores: 4, hostname: 'x', tags: ['a'], networks: [{ key: 'net0', bridge: 'vmbr1' }] },
      config,
    );
    expect(privilegesForChange(101, change, config.raw)).toEqual([
      { path: '/vms/101', privileges: ['VM.Config.CPU'] },
      { path: '/vms/101', privileges: ['VM.Config.Network'] },
      { path: '/vms/101', privileges: ['VM.Config.Options'] },
      { path: '/sdn/zones/localnetwork/vmbr0/20', privileges: ['SDN.Use'] },
      { path: '/sdn/zones/localnetwork/vmbr1/20', privileges: ['SDN.Use'] },
    ]);
  });
});
