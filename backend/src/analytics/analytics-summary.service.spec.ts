import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnalyticsClock } from './analytics-clock.js';
import { AnalyticsSummaryService } from './analytics-summary.service.js';
import type { AnalyticsRepository } from './analytics.repository.js';
import { LiveMetricsService } from './live-metrics.service.js';
import { openAnalyticsDb, sampleOf } from './testing/analytics-test-db.js';

const H = 1_800_000_000 - (1_800_000_000 % 3600);

describe('AnalyticsSummaryService', () => {
  let ds: DataSource;
  let repo: AnalyticsRepository;
  let now: number;
  let live: LiveMetricsService;
  let service: AnalyticsSummaryService;

  beforeEach(async () => {
    ({ dataSource: ds, repository: repo } = await openAnalyticsDb());
    now = H + 600;
    live = new LiveMetricsService();
    const clock: AnalyticsClock = { nowS: () => now };
    service = new AnalyticsSummaryService(repo, live, clock);
    // 101: 1 of 2 cores busy; 102: a quarter of 8 cores = 2 cores, less memory
    repo.writeCycle(
      [
        { ...sampleOf(101, H, 0.5), maxcpu: 2 },
        { ...sampleOf(102, H, 0.25), maxcpu: 8 },
      ],
      [],
    );
    repo.rollup(
      'ct',
      [
        [101, H],
        [102, H],
      ],
      H + 300,
    );
    const sample = sampleOf(102, H, 0.25);
    live.update([{ vmid: 102, name: 'db-1', node: 'pve2', sample }], [], H, 1);
  });
  afterEach(async () => ds.destroy());

  it('ranks containers by cores in use and sums the cluster totals', () => {
    const s = service.summary({ from: H, to: now }, 5);
    expect(s.top.cpu.map((e) => [e.vmid, e.value])).toEqual([
      [102, 2],
      [101, 1],
    ]);
    expect(s.top.memory[0]).toMatchObject({ vmid: 101, value: 500 });
    expect(s.top.cpu[0]).toMatchObject({ name: 'db-1', node: 'pve2' });
    expect(s.top.cpu[1]).toMatchObject({ name: 'CT 101', node: '' });
    expect(s.totals).toMatchObject({ containers: 2, running: 1, cpuCores: 3, memoryBytes: 750 });
  });

  it('cuts each list to the limit', () => {
    expect(service.summary({ from: H, to: now }, 1).top.network).toHaveLength(1);
  });

  it('reuses a computation for a minute, then reads new data', () => {
    service.summary({ from: H, to: now }, 5);
    repo.writeCycle([sampleOf(103, H + 30, 1)], []);
    repo.rollup('ct', [[103, H]], H + 300);
    expect(service.summary({ from: H, to: now }, 5).totals.containers).toBe(2);
    now += 60;
    expect(service.summary({ from: H, to: now }, 5).totals.containers).toBe(3);
  });
});
