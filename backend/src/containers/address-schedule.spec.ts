import { describe, expect, it } from 'vitest';
import type { PveGuest } from '../proxmox/proxmox.types.js';
import {
  ADDRESS_REFRESH_AFTER_MS,
  ADDRESS_REQUESTS_PER_TICK,
  ADDRESS_RETRY_MS,
  type AddressEntry,
  markOf,
  pickDue,
  refreshReason,
} from './address-schedule.js';

const NOW = 1_800_000_000_000;

function guest(vmid: number, over: Partial<PveGuest> = {}): PveGuest {
  return {
    vmid,
    type: 'lxc',
    node: 'pve1',
    name: `ct-${vmid}`,
    status: 'running',
    cpu: 0,
    maxcpu: 1,
    mem: 0,
    maxmem: 512 * 2 ** 20,
    disk: 0,
    maxdisk: 8 * 2 ** 30,
    netin: 0,
    netout: 0,
    diskread: 0,
    diskwrite: 0,
    uptime: 600,
    template: false,
    tags: [],
    ...over,
  };
}

/** An entry read `ago` ms before NOW while the guest looked like `g`. */
function readOf(g: PveGuest, ago: number, over: Partial<AddressEntry> = {}): AddressEntry {
  return {
    ipv4: '10.0.0.1',
    protection: false,
    inside: false,
    seen: markOf(g),
    readAt: NOW - ago,
    ...over,
  };
}

describe('refreshReason', () => {
  it('reads a container never read', () => {
    expect(refreshReason(guest(101), undefined, NOW)).toBe('new');
  });

  it('leaves a container alone while its last read holds', () => {
    const g = guest(101);
    expect(refreshReason({ ...g, uptime: 900 }, readOf(g, 60_000), NOW)).toBeUndefined();
  });

  it('reads a container again once it started or restarted', () => {
    const stopped = guest(101, { status: 'stopped', uptime: 0 });
    expect(refreshReason(guest(101, { uptime: 5 }), readOf(stopped, 1_000), NOW)).toBe('started');
    const running = guest(101, { uptime: 6_000 });
    expect(refreshReason(guest(101, { uptime: 20 }), readOf(running, 1_000), NOW)).toBe('started');
  });

  it('asks a running DHCP container without a lease again after the retry delay only', () => {
    const g = guest(101);
    const noLease = { inside: true, ipv4: undefined };
    expect(refreshReason(g, readOf(g, ADDRESS_RETRY_MS - 1, noLease), NOW)).toBeUndefined();
    expect(refreshReason(g, readOf(g, ADDRESS_RETRY_MS, noLease), NOW)).toBe('no-lease');
  });

  it('reads a container whose config-made fields or node changed', () => {
    const g = guest(101);
    expect(refreshReason({ ...g, name: 'renamed' }, readOf(g, 1_000), NOW)).toBe('changed');
    expect(refreshReason({ ...g, maxmem: 2 ** 30 }, readOf(g, 1_000), NOW)).toBe('changed');
    expect(refreshReason({ ...g, node: 'pve2' }, readOf(g, 1_000), NOW)).toBe('changed');
  });

  it('reads an unchanged container again after the refresh period', () => {
    const g = guest(101);
    expect(refreshReason(g, readOf(g, ADDRESS_REFRESH_AFTER_MS - 1), NOW)).toBeUndefined();
    expect(refreshReason(g, readOf(g, ADDRESS_REFRESH_AFTER_MS), NOW)).toBe('due');
  });
});

describe('pickDue', () => {
  it('never spends more Proxmox requests than the budget, however many containers are due', () => {
    const guests = Array.from({ length: 1_000 }, (_, i) =>
      guest(100 + i, { status: i % 3 ? 'running' : 'stopped' }),
    );
    const picked = pickDue(guests, new Map(), NOW);
    const cost = picked.reduce((sum, d) => sum + d.cost, 0);
    expect(cost).toBeLessThanOrEqual(ADDRESS_REQUESTS_PER_TICK);
    expect(picked.length).toBeGreaterThan(0);
    expect(picked.every((d) => d.cost === (d.guest.status === 'running' ? 2 : 1))).toBe(true);
  });

  it('takes new containers first, then started, then changed, then the longest unread', () => {
    const same = guest(101);
    const due = guest(102);
    const changed = guest(103);
    const started = guest(104, { uptime: 3 });
    const fresh = guest(105);
    const entries = new Map<number, AddressEntry>([
      [101, readOf(same, 1_000)],
      [102, readOf(due, ADDRESS_REFRESH_AFTER_MS + 5_000)],
      [103, readOf({ ...changed, name: 'old-name' }, 1_000)],
      [104, readOf(guest(104, { uptime: 9_000 }), 1_000)],
    ]);
    const picked = pickDue([same, due, changed, started, fresh], entries, NOW, 100);
    expect(picked.map((d) => [d.guest.vmid, d.reason])).toEqual([
      [105, 'new'],
      [104, 'started'],
      [103, 'changed'],
      [102, 'due'],
    ]);
  });

  it('reads the longest unread first among equally urgent ones', () => {
    const a = guest(101);
    const b = guest(102);
    const entries = new Map<number, AddressEntry>([
      [101, readOf(a, ADDRESS_REFRESH_AFTER_MS + 1_000)],
      [102, readOf(b, ADDRESS_REFRESH_AFTER_MS + 9_000)],
    ]);
    expect(pickDue([a, b], entries, NOW, 2).map((d) => d.guest.vmid)).toEqual([102]);
  });

  it('skips QEMU VMs, guests on a node that is away and those the caller skips', () => {
    const guests = [
      guest(200, { type: 'qemu' }),
      guest(101, { status: 'unknown' }),
      guest(102, { node: 'pve3' }),
      guest(103),
    ];
    const picked = pickDue(guests, new Map(), NOW, 100, (g) => g.node === 'pve3');
    expect(picked.map((d) => d.guest.vmid)).toEqual([103]);
  });

  it('fills a budget a running container no longer fits with a stopped one', () => {
    const guests = [guest(101), guest(102), guest(103, { status: 'stopped', uptime: 0 })];
    const picked = pickDue(guests, new Map(), NOW, 3);
    expect(picked.map((d) => d.guest.vmid)).toEqual([101, 103]);
  });
});
