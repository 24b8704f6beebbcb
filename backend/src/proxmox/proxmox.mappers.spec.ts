import { describe, expect, it } from 'vitest';
import { mapContainerConfig } from './container-config.mapper.js';
import { mapContainerStatus, mapGuest, splitClusterResources } from './proxmox.mappers.js';
import type { RawClusterResource, RawConfig, RawContainerStatus, RawTask } from './proxmox.raw.js';
import { mapTask, taskSucceeded } from './task.mappers.js';
import { pveFixture } from './testing/fake-pve-server.js';

const data = <T>(name: string): T => pveFixture<{ data: T }>(name).data;

describe('guest and status mapping', () => {
  it('parses numbers sent as strings by older PVE (cpus: "1")', () => {
    const status = mapContainerStatus('pve', data<RawContainerStatus>('lxc-status-current.json'));
    expect(status).toMatchObject({
      vmid: 100,
      node: 'pve',
      type: 'lxc',
      status: 'running',
      maxcpu: 1,
      pid: 9000,
    });
    expect(status.maxswap).toBe(1073741824);
  });

  it.each([
    ['', false],
    [0, false],
    ['0', false],
    [1, true],
    ['1', true],
  ] as const)('reads template %j as %s', (template, expected) => {
    expect(mapGuest({ type: 'lxc', vmid: 100, template }).template).toBe(expected);
  });

  it('splits tags on ; , and spaces', () => {
    expect(mapGuest({ type: 'lxc', tags: 'db;storage, web  prod' }).tags).toEqual([
      'db',
      'storage',
      'web',
      'prod',
    ]);
  });
});

describe('splitClusterResources', () => {
  const online = { type: 'node', node: 'pve', status: 'online' };

  it('sorts lxc captured entries into guests with tags and template flags', () => {
    const { guests, nodes } = splitClusterResources(
      data<RawClusterResource[]>('cluster-resources-type-vm-lxc.json'),
    );
    expect(nodes).toEqual([]);
    expect(guests.map((g) => [g.vmid, g.type, g.template])).toEqual([
      [510, 'lxc', false],
      [512, 'lxc', false],
      [900, 'lxc', true],
    ]);
    expect(guests[0].tags).toEqual(['db', 'storage']);
  });

  it('keeps an offline node as offline and reports its guests as unknown, never stopped', () => {
    const { nodes, guests } = splitClusterResources([
      online,
      { type: 'node', node: 'down', status: 'offline' },
      { type: 'lxc', vmid: 101, node: 'down', status: 'stopped' },
      { type: 'qemu', vmid: 102, node: 'down', status: 'running' },
      { type: 'lxc', vmid: 103, node: 'pve', status: 'stopped' },
      { type: 'lxc', vmid: 104, node: 'pve' },
    ]);
    expect(nodes.map((n) => [n.node, n.status])).toEqual([
      ['pve', 'online'],
      ['down', 'offline'],
    ]);
    expect(guests.map((g) => [g.vmid, g.type, g.status])).toEqual([
      [101, 'lxc', 'unknown'],
      [102, 'qemu', 'unknown'],
      [103, 'lxc', 'stopped'],
      [104, 'lxc', 'unknown'],
    ]);
  });

  it('maps storage entries (disk/maxdisk are used/total) and ignores pools and sdn', () => {
    const { storages, guests, nodes } = splitClusterResources([
      {
        type: 'storage',
        id: 'storage/pve/local',
        storage: 'local',
        node: 'pve',
        status: 'available',
        plugintype: 'dir',
        content: 'iso,vztmpl',
        disk: 40,
        maxdisk: 100,
        shared: 0,
      },
      { type: 'pool', id: '/pool/x' },
      { type: 'sdn', id: 'sdn/pve/localnetwork' },
    ]);
    expect(storages).toEqual([
      {
        storage: 'local',
        node: 'pve',
        status: 'available',
        type: 'dir',
        content: ['iso', 'vztmpl'],
        shared: false,
        used: 40,
        total: 100,
        avail: 60,
        active: true,
        enabled: true,
      },
    ]);
    expect(guests.length + nodes.length).toBe(0);
  });
});

describe('mapContainerConfig', () => {
  it('parses rootfs, nets, tags and booleans from a captured config', () => {
    const config = mapContainerConfig(data<RawConfig>('lxc-config.json'));
    expect(config).toMatchObject({
      hostname: 'test-lxc',
      cores: 1,
      memory: 1000,
      swap: 0,
      onboot: false,
      unprivileged: false,
      tags: ['one', 'two', 'three'],
      rootfs: { volume: 'local-lvm:vm-100-disk-0', size: '4G', options: {} },
      nets: [
        {
          key: 'net0',
          options: {
            name: 'eth0',
            bridge: 'vmbr0',
            ip: '10.1.1.3/24',
            gw: '10.1.1.1',
            hwaddr: 'FF:FF:FF:FF:FF:FF',
            type: 'veth',
          },
        },
      ],
    });
    expect(config.raw.cpulimit).toBe('0');
  });

  it('orders net keys numerically and reads features and string booleans', () => {
    const config = mapContainerConfig({
      net10: 'name=eth10,bridge=vmbr0',
      net2: 'name=eth2,bridge=vmbr0',
      features: 'nesting=1,keyctl=1',
      unprivileged: '1',
      onboot: 1,
      cores: '4',
      lock: 'backup',
    });
    expect(config.nets.map((n) => n.key)).toEqual(['net2', 'net10']);
    expect(config.features).toEqual({ nesting: '1', keyctl: '1' });
    expect(config).toMatchObject({ unprivileged: true, onboot: true, cores: 4, lock: 'backup' });
  });
});

describe('mapTask', () => {
  it('splits the token from the user and keeps running tasks running', () => {
    expect(mapTask(data<RawTask>('task-status-running-apitoken.json'))).toMatchObject({
      user: 'root@pam',
      tokenid: 'api_token',
      status: 'running',
      node: 'proxmox2',
      starttime: 1675584165,
    });
  });

  it('reads exitstatus of a stopped task and counts only OK and WARNINGS as success', () => {
    const failed = mapTask(data<RawTask>('task-status-stopped-error.json'));
    expect(failed).toMatchObject({ status: 'stopped', exitstatus: 'interrupted by signal' });
    expect(taskSucceeded(failed)).toBe(false);
    expect(taskSucceeded(mapTask(data<RawTask>('task-status-stopped-ok.json')))).toBe(true);
    expect(
      taskSucceeded(mapTask({ upid: 'x', status: 'stopped', exitstatus: 'WARNINGS: 2' })),
    ).toBe(true);
  });

  it('reads task list entries whose status is the exit text or RUNNING', () => {
    expect(mapTask({ upid: 'x', status: 'RUNNING', user: 'a@pve!t' })).toMatchObject({
      status: 'running',
      user: 'a@pve',
      tokenid: 't',
    });
    expect(mapTask({ upid: 'x', status: 'CT 101 already running', endtime: '20' })).toMatchObject({
      status: 'stopped',
      exitstatus: 'CT 101 already running',
      endtime: 20,
    });
  });
});
