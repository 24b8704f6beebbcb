import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../config/app-config.js';
import type { ProxmoxClient } from '../proxmox/proxmox.client.js';
import type { RrdConsolidation, RrdPoint, RrdTimeframe } from '../proxmox/proxmox.types.js';
import type { AnalyticsRepository } from './analytics.repository.js';
import { planBackfill } from './backfill-plan.js';
import { BACKFILL_RETRIES, BACKFILL_RETRY_BASE_MS, BackfillService } from './backfill.service.js';
import { RollupTracker } from './rollup-tracker.js';
import { openAnalyticsDb, sampleOf } from './testing/analytics-test-db.js';

const NOW = 1_800_000_000 - (1_800_000_000 % 3600);
const DAY = 86_400;

describe('planBackfill', () => {
  it('fills a new container with a day of minute points and half-hour points before that', () => {
    const reads = planBackfill({ kind: 'ct', id: 101, node: 'pve1', before: NOW }, 30);
    expect(reads).toEqual([
      { timeframe: 'day', from: NOW - DAY + 60, to: NOW, inclusive: true, target: 'samples' },
      {
        timeframe: 'month',
        from: NOW - 30 * DAY,
        to: NOW - DAY + 60,
        inclusive: true,
        target: 'rollups',
      },
    ]);
  });

  it('reads only the hour timeframe for a short outage, after the last stored point', () => {
    const reads = planBackfill(
      { kind: 'ct', id: 101, node: 'pve1', after: NOW - 1200, before: NOW },
      30,
    );
    expect(reads).toEqual([
      { timeframe: 'hour', from: NOW - 1200, to: NOW, inclusive: false, target: 'samples' },
    ]);
  });

  it('uses the week timeframe for an outage of a few days', () => {
    const reads = planBackfill(
      { kind: 'node', id: 'pve1', node: 'pve1', after: NOW - 3 * DAY, before: NOW },
      30,
    );
    expect(reads.map((r) => r.timeframe)).toEqual(['day', 'week']);
    expect(reads[1]).toMatchObject({ from: NOW - 3 * DAY, inclusive: false });
  });

  it('never reaches further back than the retention', () => {
    const reads = planBackfill(
      { kind: 'ct', id: 101, node: 'pve1', after: NOW - 90 * DAY, before: NOW },
      7,
    );
    expect(reads[1]).toMatchObject({ timeframe: 'week', from: NOW - 7 * DAY });
  });
});

function minutePoints(from: number, to: number): RrdPoint[] {
  const points: RrdPoint[] = [];
  for (let t = from; t < to; t += 60)
    points.push({ time: t, cpu: 0.5, mem: 100, netin: 7, maxmem: 1e9 });
  points.push({ time: to, maxmem: 1e9 }); // PVE's newest point often has no measurement yet
  return points;
}

function halfHourPoints(from: number, to: number, cpu: number): RrdPoint[] {
  const points: RrdPoint[] = [];
  for (let t = from; t < to; t += 1800) points.push({ time: t, cpu, mem: cpu * 1000 });
  return points;
}

describe('BackfillService', () => {
  let ds: DataSource;
  let repo: AnalyticsRepository;
  let reads: [RrdTimeframe, RrdConsolidation | undefined][];
  let failures: number;
  /** what a PVE 8 node (pve2 files) or a freshly upgraded PVE 9 node answers for `day` */
  let dayAnswer: (cf?: RrdConsolidation) => RrdPoint[];
  let weekAnswer: ((cf?: RrdConsolidation) => RrdPoint[]) | undefined;
  let service: BackfillService;

  beforeEach(async () => {
    ({ dataSource: ds, repository: repo } = await openAnalyticsDb());
    reads = [];
    failures = 0;
    dayAnswer = () => [];
    weekAnswer = undefined;
    const proxmox = {
      getContainerRrd: (_n: string, _v: number, timeframe: RrdTimeframe, cf?: RrdConsolidation) => {
        reads.push([timeframe, cf]);
        if (failures > 0) {
          failures -= 1;
          return Promise.reject(new Error('proxmox unreachable'));
        }
        if (timeframe === 'hour') return Promise.resolve(minutePoints(NOW - 3600, NOW + 60));
        if (timeframe === 'week' && weekAnswer) return Promise.resolve(weekAnswer(cf));
        if (timeframe === 'week') {
          return Promise.resolve(halfHourPoints(NOW - 7 * DAY, NOW, cf === 'MAX' ? 0.9 : 0.4));
        }
        if (timeframe === 'day') return Promise.resolve(dayAnswer(cf));
        return Promise.resolve([]);
      },
    } as unknown as ProxmoxClient;
    const config = { retentionDays: 30 } as AppConfig;
    service = new BackfillService(config, proxmox, repo, new RollupTracker());
  });
  afterEach(async () => {
    service.onModuleDestroy();
    vi.useRealTimers();
    await ds.destroy();
  });

  it('fills only the gap between collected samples and never overwrites them', async () => {
    const after = NOW - 1200 + 15;
    repo.writeCycle([sampleOf(101, after, 9), sampleOf(101, NOW, 9)], []);
    const job = { kind: 'ct' as const, id: 101, node: 'pve1', after, before: NOW };
    const added = await service.fill(job);
    const rows = await ds.query<{ t: number; step: number; cpu: number }[]>(
      'SELECT t, step, cpu FROM analytics_ct_samples ORDER BY t',
    );
    // minute points NOW-1140 .. NOW-60 lie wholly inside the gap: 19 of them
    expect(added).toBe(19);
    expect(rows[0]).toEqual({ t: after, step: 30, cpu: 9 });
    expect(rows[rows.length - 1]).toEqual({ t: NOW, step: 30, cpu: 9 });
    expect(rows.slice(1, -1).every((r) => r.step === 60 && r.cpu === 0.5)).toBe(true);
    expect(new Set(rows.map((r) => r.t)).size).toBe(rows.length);
    expect(await service.fill(job)).toBe(0);
  });

  it('reads minute points from the AVERAGE archive only (one primary point per row)', async () => {
    await service.fill({ kind: 'ct', id: 101, node: 'pve1', after: NOW - 1200, before: NOW });
    expect(reads).toEqual([['hour', 'AVERAGE']]);
  });

  it('stores half-hour points with the mean from AVERAGE and the peak from MAX', async () => {
    const job = { kind: 'ct' as const, id: 101, node: 'pve1', after: NOW - 3 * DAY, before: NOW };
    await service.fill(job);
    expect(reads).toContainEqual(['week', 'AVERAGE']);
    expect(reads).toContainEqual(['week', 'MAX']);
    const rows = await ds.query<{ cpu_min: number; cpu_avg: number; cpu_max: number }[]>(
      'SELECT cpu_min, cpu_avg, cpu_max FROM analytics_ct_rollups WHERE tier = 300',
    );
    expect(rows.length).toBeGreaterThan(80);
    // PVE keeps no MIN archive: the minimum is the mean, the only bound known
    expect(new Set(rows.map((r) => JSON.stringify(r)))).toEqual(
      new Set([JSON.stringify({ cpu_min: 0.4, cpu_avg: 0.4, cpu_max: 0.9 })]),
    );
  });

  it('merges two queued gaps of one container into a single job', async () => {
    service.enqueue({ kind: 'ct', id: 101, node: 'pve1', after: NOW - 600, before: NOW - 300 });
    service.enqueue({ kind: 'ct', id: 101, node: 'pve1', after: NOW - 900, before: NOW });
    await service.drain();
    expect(reads).toEqual([['hour', 'AVERAGE']]);
  });

  it('retries a failed job after a backoff and then fills the gap', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    failures = 2;
    service.enqueue({ kind: 'ct', id: 101, node: 'pve1', after: NOW - 1200, before: NOW });
    await service.drain();
    expect(service.retrying).toBe(1);
    await vi.advanceTimersByTimeAsync(BACKFILL_RETRY_BASE_MS);
    await service.drain();
    expect(service.retrying, 'second failure: a longer wait').toBe(1);
    await vi.advanceTimersByTimeAsync(BACKFILL_RETRY_BASE_MS);
    expect(reads).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(BACKFILL_RETRY_BASE_MS);
    await service.drain();
    expect(reads).toHaveLength(3);
    expect(service.retrying).toBe(0);
    const [{ n }] = await ds.query<{ n: number }[]>(
      'SELECT count(*) AS n FROM analytics_ct_samples',
    );
    expect(n).toBe(19);
  });

  it('gives up after a bounded number of retries', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    failures = Infinity;
    service.enqueue({ kind: 'ct', id: 101, node: 'pve1', after: NOW - 1200, before: NOW });
    await service.drain();
    await vi.advanceTimersByTimeAsync(BACKFILL_RETRY_BASE_MS * 2 ** (BACKFILL_RETRIES + 1));
    await service.drain();
    expect(reads).toHaveLength(1 + BACKFILL_RETRIES);
    expect(service.retrying).toBe(0);
  });

  it('reports a failed RRD read as undefined instead of throwing', async () => {
    failures = 1;
    await expect(service.fill({ kind: 'ct', id: 101, node: 'pve1', before: NOW })).resolves.toBe(
      undefined,
    );
  });

  it('stores the 30-minute points of a PVE 8 day answer as 30-minute samples, not minutes', async () => {
    // pve2 files: `day` is 70 points of 30 minutes (PVE::RRD::create_rrd_data, pve-cluster 8.x)
    dayAnswer = () => halfHourPoints(NOW - 70 * 1800, NOW, 0.3);
    await service.fill({ kind: 'ct', id: 101, node: 'pve1', after: NOW - 10 * 3600, before: NOW });
    expect(reads).toEqual([['day', 'AVERAGE']]);
    const rows = await ds.query<{ t: number; step: number }[]>(
      'SELECT t, step FROM analytics_ct_samples ORDER BY t',
    );
    // 10 h after the last stored point: the 19 half hours wholly inside the gap
    expect(rows).toHaveLength(19);
    expect(rows.every((r) => r.step === 1800 && r.t % 1800 === 0)).toBe(true);
  });

  it('stores 3-hour PVE 8 week points in the 5-minute tier with their step and peak', async () => {
    weekAnswer = (cf) => {
      const points: RrdPoint[] = [];
      for (let t = NOW - 70 * 10_800; t < NOW; t += 10_800)
        points.push({ time: t, cpu: cf === 'MAX' ? 0.8 : 0.3 });
      return points;
    };
    await service.fill({ kind: 'ct', id: 101, node: 'pve1', after: NOW - 3 * DAY, before: NOW });
    const rows = await ds.query<{ step: number; secs: number; cpu_avg: number; cpu_max: number }[]>(
      'SELECT step, secs, cpu_avg, cpu_max FROM analytics_ct_rollups WHERE tier = 300',
    );
    expect(rows.length).toBeGreaterThan(10);
    expect(new Set(rows.map((r) => JSON.stringify(r)))).toEqual(
      new Set([JSON.stringify({ step: 10_800, secs: 10_800, cpu_avg: 0.3, cpu_max: 0.8 })]),
    );
  });

  it("splits a freshly upgraded node's mixed day answer by each point's own step", async () => {
    const upgrade = NOW - 2 * 3600 + 420;
    dayAnswer = () => [
      ...halfHourPoints(NOW - 20 * 3600, upgrade, 0.3),
      ...minutePoints(upgrade - 60, NOW).slice(0, -1),
    ];
    await service.fill({ kind: 'ct', id: 101, node: 'pve1', after: NOW - 10 * 3600, before: NOW });
    const rows = await ds.query<{ t: number; step: number }[]>(
      'SELECT t, step FROM analytics_ct_samples ORDER BY t',
    );
    const coarse = rows.filter((r) => r.step === 1800);
    const fine = rows.filter((r) => r.step === 60);
    expect(coarse.length + fine.length).toBe(rows.length);
    expect(fine[0].t).toBe(upgrade - 60);
    expect(fine.length).toBe((NOW - (upgrade - 60)) / 60);
    // the old file's bucket the upgrade fell into overlaps the new minute points: left out
    expect(coarse.at(-1)!.t + 1800).toBeLessThanOrEqual(upgrade - 60);
    expect(coarse.length).toBeGreaterThan(10);
  });
});
