import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnalyticsRepository } from './analytics.repository.js';
import type { SampleRow } from './analytics.types.js';
import { openAnalyticsDb, sampleOf } from './testing/analytics-test-db.js';

const T = 1_800_000_000;
let ds: DataSource;
let repo: AnalyticsRepository;

beforeEach(async () => ({ dataSource: ds, repository: repo } = await openAnalyticsDb()));
afterEach(async () => ds.destroy());

/** CPU fractions every 30 s from T for one CT. */
function cpuSeries(vmid: number, fractions: number[], at = T): SampleRow[] {
  return fractions.map((f, i) => ({ ...sampleOf(vmid, at + i * 30, 0), cpu: f }));
}

const query = { kind: 'ct' as const, value: 'cpu' as const, from: T - 1, to: T + 10_000, max: 100 };

describe('thresholdRuns', () => {
  it('gives one run per stretch above the limit that held the for duration, firing when it had', () => {
    repo.writeCycle(cpuSeries(101, [0.1, 0.95, 0.96, 0.97, 0.2, 0.95, 0.99, 0.1]), []);
    const runs = repo.thresholdRuns({ ...query, limit: 90, forS: 60 });
    expect(runs).toEqual([{ id: 101, start: T + 30, fired: T + 90, until: T + 120, peak: 97 }]);
    const quick = repo.thresholdRuns({ ...query, limit: 90, forS: 0 });
    expect(quick.map((r) => [r.start, r.fired, r.peak])).toEqual([
      [T + 30, T + 30, 97],
      [T + 150, T + 150, 99],
    ]);
  });

  it('does not count samples of a stopped CT, and a gap in the samples starts the count again', () => {
    const stopped = cpuSeries(102, [0.95, 0.95, 0.95]).map((s) => ({ ...s, up: 0 }));
    const gapped = [...cpuSeries(103, [0.95, 0.95]), ...cpuSeries(103, [0.95, 0.95], T + 600)];
    repo.writeCycle([...stopped, ...gapped], []);
    const runs = repo.thresholdRuns({ ...query, limit: 90, forS: 60 });
    expect(runs).toEqual([]);
    const shorter = repo.thresholdRuns({ ...query, limit: 90, forS: 30 });
    expect(shorter.map((r) => [r.id, r.start])).toEqual([
      [103, T],
      [103, T + 600],
    ]);
  });

  it('reads only the subjects asked and the window asked', () => {
    repo.writeCycle([...cpuSeries(104, [0.95]), ...cpuSeries(105, [0.95])], []);
    expect(
      repo.thresholdRuns({ ...query, limit: 90, forS: 0, ids: [105] }).map((r) => r.id),
    ).toEqual([105]);
    expect(repo.thresholdRuns({ ...query, from: T + 1, limit: 90, forS: 0 })).toEqual([]);
  });

  it('finds nodes that were down from their up column', () => {
    const node = (t: number, up: number): SampleRow => ({ ...sampleOf('pve2', t, 0), up });
    repo.writeCycle([], [node(T, 1), node(T + 30, 0), node(T + 60, 0), node(T + 90, 1)]);
    const runs = repo.thresholdRuns({ ...query, kind: 'node', value: 'down', limit: 50, forS: 0 });
    expect(runs).toEqual([{ id: 'pve2', start: T + 30, fired: T + 30, until: T + 90, peak: 100 }]);
  });
});
