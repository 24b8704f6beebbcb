import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterSnapshot, ClusterStateService } from '../cache/cluster-state.service.js';
import type { AppConfig } from '../config/app-config.js';
import type { PveGuest, PveNode } from '../proxmox/proxmox.types.js';
import type { AnalyticsRepository } from './analytics.repository.js';
import type { BackfillJob } from './backfill-plan.js';
import type { BackfillService } from './backfill.service.js';
import { CollectorService } from './collector.service.js';
import { LiveMetricsService } from './live-metrics.service.js';
import { RollupTracker } from './rollup-tracker.js';
import { openAnalyticsDb } from './testing/analytics-test-db.js';

const T0 = 1_800_000_000;

function guest(vmid: number, uptime: number, bytes: number, node = 'pve1'): PveGuest {
  return {
    vmid,
    type: 'lxc',
    node,
    name: `ct-${vmid}`,
    status: uptime > 0 ? 'running' : 'stopped',
    cpu: 0.25,
    maxcpu: 2,
    mem: 512,
    maxmem: 1024,
    disk: 10,
    maxdisk: 100,
    netin: bytes,
    netout: bytes,
    diskread: bytes,
    diskwrite: bytes,
    uptime,
    template: false,
    tags: [],
  };
}

const NODE: PveNode = {
  node: 'pve1',
  status: 'online',
  cpu: 0.1,
  maxcpu: 8,
  mem: 1,
  maxmem: 2,
  disk: 3,
  maxdisk: 4,
  uptime: 1,
};

describe('CollectorService', () => {
  let ds: DataSource;
  let repo: AnalyticsRepository;
  let snapshots: (ClusterSnapshot | Error)[];
  let reads: number;
  /** the newerThan each cycle asked for */
  let newerThan: (number | undefined)[];
  let jobs: BackfillJob[];
  let live: LiveMetricsService;
  let collector: CollectorService;

  beforeEach(async () => {
    ({ dataSource: ds, repository: repo } = await openAnalyticsDb());
    snapshots = [];
    reads = 0;
    newerThan = [];
    jobs = [];
    live = new LiveMetricsService();
    const state = {
      freshSnapshot: (_maxAgeMs?: number, after?: number) => {
        reads += 1;
        newerThan.push(after);
        const next = snapshots.shift();
        if (!next || next instanceof Error) return Promise.reject(next ?? new Error('no snapshot'));
        return Promise.resolve(next);
      },
    } as unknown as ClusterStateService;
    const backfill = { enqueue: (j: BackfillJob) => jobs.push(j) } as unknown as BackfillService;
    const config = { collectIntervalS: 10 } as AppConfig;
    collector = new CollectorService(config, state, repo, live, new RollupTracker(), backfill);
  });
  afterEach(async () => ds.destroy());

  function cycle(at: number, guests: PveGuest[]): Promise<unknown> {
    snapshots.push({
      fetchedAt: at * 1000,
      stale: false,
      cache: 'MISS',
      resources: { nodes: [NODE], guests, storages: [] },
    });
    return collector.runCycle();
  }

  async function stored(vmid: number): Promise<{ t: number; netin: number | null; up: number }[]> {
    return ds.query(
      `SELECT t, netin, up FROM analytics_ct_samples WHERE vmid = ${vmid} ORDER BY t`,
    );
  }

  it('stores rates from counters, none across a restart, and resumes after it', async () => {
    await cycle(T0, [guest(101, 1000, 0)]);
    await cycle(T0 + 10, [guest(101, 1010, 5_000)]);
    await cycle(T0 + 20, [guest(101, 5, 100)]);
    await cycle(T0 + 30, [guest(101, 15, 2_100)]);
    expect((await stored(101)).map((r) => r.netin)).toEqual([null, 500, null, 200]);
  });

  it('reads the cluster once per cycle and writes containers and nodes', async () => {
    await cycle(T0, [
      guest(101, 10, 0),
      guest(102, 10, 0),
      { ...guest(9000, 0, 0), template: true },
    ]);
    expect(reads).toBe(1);
    expect((await stored(101)).length).toBe(1);
    expect((await stored(9000)).length).toBe(0);
    const nodes = await ds.query<unknown[]>('SELECT node, cpu FROM analytics_node_samples');
    expect(nodes).toEqual([{ node: 'pve1', cpu: 0.1 }]);
    expect(live.containers.map((c) => c.name)).toEqual(['ct-101', 'ct-102']);
  });

  it('queues a backfill for new subjects and after a gap, not between close cycles', async () => {
    await cycle(T0, [guest(101, 10, 0)]);
    expect(jobs.map((j) => [j.kind, j.id, j.after])).toEqual([
      ['ct', 101, undefined],
      ['node', 'pve1', undefined],
    ]);
    await cycle(T0 + 10, [guest(101, 20, 0)]);
    expect(jobs.length).toBe(2);
    snapshots.push(new Error('Proxmox away'));
    await collector.runCycle();
    await cycle(T0 + 600, [guest(101, 610, 0)]);
    expect(jobs.slice(2).map((j) => [j.id, j.after, j.before])).toEqual([
      [101, T0 + 10, T0 + 600],
      ['pve1', T0 + 10, T0 + 600],
    ]);
  });

  it('never takes the answer its last cycle recorded for a new one', async () => {
    await cycle(T0, [guest(101, 10, 0)]);
    snapshots.push(new Error('Proxmox away'));
    await collector.runCycle();
    await cycle(T0 + 20, [guest(101, 30, 0)]);
    expect(newerThan).toEqual([0, T0 * 1000, T0 * 1000]);
  });

  it('logs a failed cycle instead of throwing, and skips a cycle that overlaps', async () => {
    snapshots.push(new Error('unreachable'));
    await expect(collector.runCycle()).resolves.toBeUndefined();
    expect(live.health).toMatchObject({ errors: 1, lastError: 'unreachable' });
    snapshots.push({
      fetchedAt: T0 * 1000,
      stale: false,
      cache: 'MISS',
      resources: { nodes: [], guests: [], storages: [] },
    });
    const [a, b] = await Promise.all([collector.runCycle(), collector.runCycle()]);
    expect(a).toMatchObject({ containers: 0 });
    expect(b).toBeUndefined();
    expect(live.health.skipped).toBe(1);
  });

  it('starts a reused vmid afresh once its container was gone', async () => {
    await cycle(T0, [guest(101, 1000, 0), guest(102, 10, 0)]);
    await cycle(T0 + 10, [guest(102, 20, 0)]);
    // a new 101 whose counters happen to be higher: no rate against the old container's reading
    await cycle(T0 + 20, [guest(101, 2000, 50_000), guest(102, 30, 0)]);
    expect((await stored(101)).map((r) => r.netin)).toEqual([null, null]);
  });

  it('sums the container rates of a node into its network and disk I/O', async () => {
    await cycle(T0, [guest(101, 10, 0), guest(102, 10, 0)]);
    await cycle(T0 + 10, [guest(101, 20, 1000), guest(102, 20, 3000)]);
    expect(live.nodes[0].sample.netin).toBe(400);
  });
});
