import { describe, expect, it } from 'vitest';
import type { Guest, SimNode } from '../cluster/model.js';
import { guestBucket, isRunningAt, sampleGuest } from './guest-metrics.js';
import { guestProfile, nodeProfile } from './profiles.js';

const T = 1_764_000_000;
const node: SimNode = {
  name: 'pve1',
  nodeid: 1,
  ip: '10.0.0.1',
  cpus: 8,
  memory: 2 ** 34,
  rootfs: 2 ** 36,
  swap: 2 ** 33,
  bootAt: T - 86_400,
  installedAt: T - 86_400 * 400,
  online: true,
  profile: nodeProfile(1, 'pve1'),
};

function guest(overrides: Partial<Guest> = {}): Guest {
  return {
    vmid: 101,
    type: 'lxc',
    node: 'pve1',
    status: 'running',
    config: { cores: 2, memory: 1024, swap: 512, rootfs: 'local-lvm:vm-101-disk-0,size=8G' },
    createdAt: T - 86_400 * 30,
    bootAt: T - 3600,
    runs: [{ from: T - 86_400 * 30 }],
    pid: 1234,
    profile: guestProfile(1, 101),
    ...overrides,
  };
}

describe('guest metrics', () => {
  it('counts bytes from the last boot and only upwards', () => {
    const g = guest();
    let last = sampleGuest(g, node, T);
    for (let t = T + 10; t < T + 3600; t += 10) {
      const s = sampleGuest(g, node, t);
      for (const k of ['netin', 'netout', 'diskread', 'diskwrite'] as const)
        expect(s[k]).toBeGreaterThanOrEqual(last[k]);
      last = s;
    }
    expect(last.uptime).toBe(3600 + 3590);
  });

  it('reports zeros for a stopped CT but keeps its maxima', () => {
    const s = sampleGuest(
      guest({ status: 'stopped', runs: [{ from: T - 9999, to: T - 10 }] }),
      node,
      T,
    );
    expect(s).toMatchObject({
      cpu: 0,
      mem: 0,
      netin: 0,
      uptime: 0,
      maxmem: 1024 * 2 ** 20,
      maxdisk: 8 * 2 ** 30,
      cpus: 2,
    });
  });

  it('keeps memory and cpu inside the CT allowance', () => {
    const g = guest();
    for (let t = T; t < T + 86_400; t += 997) {
      const s = sampleGuest(g, node, t);
      expect(s.cpu).toBeGreaterThanOrEqual(0);
      expect(s.cpu).toBeLessThanOrEqual(1);
      expect(s.mem).toBeLessThanOrEqual(s.maxmem);
    }
  });

  it('leaves every data source out of buckets before the CT existed', () => {
    expect(guestBucket(guest(), node, T - 86_400 * 31, T - 86_400 * 31 + 60, 'AVERAGE')).toEqual(
      {},
    );
  });

  it('knows when the CT was running', () => {
    const g = guest({ runs: [{ from: 10, to: 20 }, { from: 30 }] });
    expect([5, 10, 19, 20, 25, 30, 1e9].map((t) => isRunningAt(g, t))).toEqual([
      false,
      true,
      true,
      false,
      false,
      true,
      true,
    ]);
  });
});
