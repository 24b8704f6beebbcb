import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnalyticsRepository } from './analytics.repository.js';
import { openAnalyticsDb, sampleOf } from './testing/analytics-test-db.js';

const H = 1_800_000_000 - (1_800_000_000 % 3600);
let ds: DataSource;
let repo: AnalyticsRepository;

beforeEach(async () => ({ dataSource: ds, repository: repo } = await openAnalyticsDb()));
afterEach(async () => ds.destroy());

function rollups(tier: number): Promise<Record<string, number | null>[]> {
  return ds.query(`SELECT * FROM analytics_ct_rollups WHERE tier = ${tier} ORDER BY t`);
}

describe('AnalyticsRepository writes', () => {
  it('stores every value of a cycle in its own column, for containers and nodes', async () => {
    const values = {
      t: H,
      step: 2,
      up: 1,
      cpu: 0.25,
      mem: 3,
      disk: 4,
      netin: 5,
      netout: 6,
      diskread: 7,
      diskwrite: 8,
      maxcpu: 9,
      maxmem: 10,
      maxdisk: 11,
    };
    repo.writeCycle([{ id: 101, ...values }], [{ id: 'pve1', ...values }]);
    expect(await ds.query('SELECT * FROM analytics_ct_samples')).toEqual([
      { vmid: 101, ...values },
    ]);
    expect(await ds.query('SELECT * FROM analytics_node_samples')).toEqual([
      { node: 'pve1', ...values },
    ]);
  });
});

describe('AnalyticsRepository rollups', () => {
  it('keeps min, time-weighted mean and max of each 5-minute bucket', async () => {
    // bucket H: 30 s samples 10, 20 and a 60 s sample 40 → mean (300 + 600 + 2400) / 120 = 27.5
    repo.writeCycle(
      [sampleOf(101, H, 10), sampleOf(101, H + 30, 20), sampleOf(101, H + 60, 40, 60)],
      [],
    );
    repo.writeCycle([sampleOf(101, H + 300, 100)], []);
    repo.rollup('ct', [[101, H]], H + 600);
    const [first, second] = await rollups(300);
    expect(first).toMatchObject({ t: H, secs: 120, step: 30, cpu_min: 10, cpu_max: 40 });
    expect(first.cpu_avg).toBeCloseTo(27.5);
    expect(first.netout_avg).toBeCloseTo(55);
    expect(second).toMatchObject({ t: H + 300, cpu_min: 100, cpu_avg: 100, cpu_max: 100 });
  });

  it('builds the hour from its 5-minute buckets weighted by the seconds each covers', async () => {
    repo.writeCycle([sampleOf(101, H, 10), sampleOf(101, H + 30, 10)], []);
    repo.writeCycle([sampleOf(101, H + 600, 40)], []);
    repo.rollup('ct', [[101, H]], H + 3600);
    const [hour] = await rollups(3600);
    // 60 s at 10 and 30 s at 40 → (600 + 1200) / 90 = 20
    expect(hour).toMatchObject({ t: H, secs: 90, cpu_min: 10, cpu_max: 40 });
    expect(hour.cpu_avg).toBeCloseTo(20);
  });

  it('ignores unknown rates in the mean instead of counting them as zero', async () => {
    const first = { ...sampleOf(101, H, 10), netin: null };
    repo.writeCycle([first, sampleOf(101, H + 30, 20)], []);
    repo.rollup('ct', [[101, H]], H + 300);
    const [row] = await rollups(300);
    expect(row.netin_avg).toBe(20);
    expect(row.cpu_avg).toBe(15);
  });

  it('recomputes a bucket when late samples arrive', async () => {
    repo.writeCycle([sampleOf(101, H, 10)], []);
    repo.rollup('ct', [[101, H]], H + 300);
    repo.writeCycle([sampleOf(101, H + 30, 30)], []);
    repo.rollup('ct', [[101, H + 30]], H + 300);
    expect((await rollups(300))[0].cpu_avg).toBe(20);
  });
});

describe('AnalyticsRepository retention', () => {
  it('deletes rows strictly older than the cutoff and keeps the boundary row', async () => {
    repo.writeCycle([sampleOf(101, H - 1, 1), sampleOf(101, H, 2), sampleOf(102, H - 100, 3)], []);
    expect(repo.deleteExpired('ct', 'samples', H)).toBe(2);
    const left = await ds.query<unknown[]>('SELECT vmid, t FROM analytics_ct_samples');
    expect(left).toEqual([{ vmid: 101, t: H }]);
  });

  it('deletes more rows than one batch holds', () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => sampleOf(100 + (i % 7), H + i, 1));
    repo.writeCycle(rows, []);
    expect(repo.deleteExpired('ct', 'samples', H + 11_000)).toBe(11_000);
  });

  it('only touches the tier it is asked to purge', async () => {
    repo.writeCycle([sampleOf(101, H, 1)], []);
    repo.rollup('ct', [[101, H]], H + 300);
    expect(repo.deleteExpired('ct', 'rollups', H + 1, 300)).toBe(1);
    expect((await rollups(3600)).length).toBe(1);
  });

  it('hands freed pages back to the file system', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => sampleOf(100 + (i % 50), H + i, i));
    repo.writeCycle(rows, []);
    const before = repo.databaseBytes();
    repo.deleteExpired('ct', 'samples', H + 20_000);
    expect(repo.reclaimSpace()).toBeGreaterThan(0);
    expect(repo.databaseBytes()).toBeLessThan(before / 2);
  });
});

describe('AnalyticsRepository series', () => {
  it('groups raw samples into buckets with min, mean and max per metric and the capacity', () => {
    repo.writeCycle([sampleOf(101, H, 1), sampleOf(101, H + 30, 3), sampleOf(101, H + 60, 5)], []);
    const rows = repo.series({
      kind: 'ct',
      id: 101,
      source: 'raw',
      bucket: 60,
      from: H,
      to: H + 120,
      metrics: ['cpu', 'netout'],
      capacity: 'maxmem',
    });
    expect(rows).toEqual([
      [H, 1, 2, 3, 2, 4, 6, 1e9],
      [H + 60, 5, 5, 5, 10, 10, 10, 1e9],
    ]);
  });

  it('averages every subject over a window for the summary, each from its own rows', () => {
    repo.writeCycle(
      [sampleOf(101, H, 1), sampleOf(101, H + 30, 3), sampleOf(250, H, 10), sampleOf(9_000, H, 7)],
      [],
    );
    repo.writeCycle([sampleOf(250, H + 7_200, 1_000)], []); // outside the window
    repo.rollup(
      'ct',
      [
        [101, H],
        [250, H],
        [9_000, H],
      ],
      H + 7_300,
    );
    const means = repo.subjectMeans('ct', 300, H, H + 3_600);
    expect(means.map((m) => [m.key, m.cpu, m.mem])).toEqual([
      [101, 2, 2_000],
      [250, 10, 10_000],
      [9_000, 7, 7_000],
    ]);
  });

  it('reports the newest stored time of a subject', () => {
    expect(repo.lastTime('ct', 101)).toBeUndefined();
    repo.writeCycle([sampleOf(101, H, 1), sampleOf(101, H + 30, 1)], []);
    expect(repo.lastTime('ct', 101)).toBe(H + 30);
  });
});
