import { describe, expect, it } from 'vitest';
import { toNodeItems } from '../nodes/nodes.service.js';
import type { ClusterResources, PveGuest, PveNode, PveStorage } from '../proxmox/proxmox.types.js';
import { scopeToNode, summarize } from './dashboard.service.js';

function guest(vmid: number, over: Partial<PveGuest> = {}): PveGuest {
  return {
    vmid,
    type: 'lxc',
    node: 'pve1',
    name: `ct-${vmid}`,
    status: 'running',
    cpu: 0.1,
    maxcpu: 1,
    mem: 100,
    maxmem: 1000,
    disk: 0,
    maxdisk: 1,
    netin: 0,
    netout: 0,
    diskread: 0,
    diskwrite: 0,
    uptime: 100,
    template: false,
    tags: [],
    ...over,
  };
}

function node(name: string, over: Partial<PveNode> = {}): PveNode {
  const base = { cpu: 0.5, maxcpu: 4, mem: 2, maxmem: 8, disk: 0, maxdisk: 1, uptime: 1 };
  return { node: name, status: 'online', ...base, ...over };
}

function storage(name: string, on: string, used: number): PveStorage {
  const base = { status: 'available', type: 'dir', content: ['rootdir'], shared: false };
  return {
    storage: name,
    node: on,
    ...base,
    used,
    total: 100,
    avail: 100 - used,
    active: true,
    enabled: true,
  };
}

const resources: ClusterResources = {
  nodes: [node('pve1'), node('pve2', { maxcpu: 8, mem: 4, maxmem: 16 })],
  guests: [
    guest(100),
    guest(101, { status: 'stopped' }),
    guest(9000, { status: 'stopped', template: true }),
    guest(200, { node: 'pve2', cpu: 0.9 }),
    guest(300, { type: 'qemu' }),
  ],
  storages: [storage('local', 'pve1', 10), storage('local', 'pve2', 30)],
};

describe('summarize', () => {
  it('counts templates in the total, as the container list and the node counts do', () => {
    const { containers } = summarize(resources);
    expect(containers).toEqual({ total: 4, running: 2, stopped: 1, unknown: 0, templates: 1 });
    const perNode = toNodeItems(resources).reduce((sum, n) => sum + n.containers, 0);
    expect(containers.total).toBe(perNode);
  });
});

describe('scopeToNode', () => {
  it('keeps one node, its containers and its storages, so the dashboard follows the node picker', () => {
    const s = summarize(scopeToNode(resources, 'pve2'));
    expect(s.containers).toEqual({ total: 1, running: 1, stopped: 0, unknown: 0, templates: 0 });
    expect(s.cpu).toMatchObject({ used: 4, total: 8 });
    expect(s.memory).toMatchObject({ used: 4, total: 16 });
    expect(s.storage).toMatchObject({ used: 30, total: 100 });
    expect(s.topConsumers.cpu.map((c) => c.vmid)).toEqual([200]);
  });

  it('keeps the whole cluster without a node', () => {
    expect(scopeToNode(resources)).toBe(resources);
  });
});
