import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../config/app-config.js';
import type { AnalyticsClock } from './analytics-clock.js';
import type { AnalyticsRepository } from './analytics.repository.js';
import { MaintenanceService } from './maintenance.service.js';
import { RollupTracker } from './rollup-tracker.js';
import { openAnalyticsDb, sampleOf } from './testing/analytics-test-db.js';

const NOW = 1_800_000_000 - (1_800_000_000 % 3600);
const HOUR = 3_600;
const DAY = 86_400;

describe('MaintenanceService', () => {
  let ds: DataSource;
  let repo: AnalyticsRepository;
  let tracker: RollupTracker;
  let service: MaintenanceService;

  beforeEach(async () => {
    ({ dataSource: ds, repository: repo } = await openAnalyticsDb());
    tracker = new RollupTracker();
    const clock: AnalyticsClock = { nowS: () => NOW };
    service = new MaintenanceService({ retentionDays: 7 } as AppConfig, repo, tracker, clock);
  });
  afterEach(async () => ds.destroy());

  /** Writes one sample at each time and rolls it up into both tiers. */
  function history(times: number[]): void {
    for (const t of times) {
      repo.writeCycle([sampleOf(101, t, 1)], []);
      tracker.mark('ct', 101, t);
    }
    service.runRollup();
  }

  const times = (sql: string): Promise<number[]> =>
    ds.query<{ t: number }[]>(sql).then((rows) => rows.map((r) => r.t));

  it('keeps raw samples 48 h, 5-minute rows the retention and hourly rows a year', async () => {
    history([
      NOW - 400 * DAY,
      NOW - 300 * DAY,
      NOW - 8 * DAY,
      NOW - 6 * DAY,
      NOW - 49 * HOUR,
      NOW - 47 * HOUR,
    ]);
    const result = service.runRetention();
    expect(result?.deleted).toBeGreaterThan(0);
    expect(await times('SELECT t FROM analytics_ct_samples ORDER BY t')).toEqual([NOW - 47 * HOUR]);
    expect(await times('SELECT t FROM analytics_ct_rollups WHERE tier = 300 ORDER BY t')).toEqual([
      NOW - 6 * DAY,
      NOW - 49 * HOUR,
      NOW - 47 * HOUR,
    ]);
    expect(await times('SELECT t FROM analytics_ct_rollups WHERE tier = 3600 ORDER BY t')).toEqual([
      NOW - 300 * DAY,
      NOW - 8 * DAY,
      NOW - 6 * DAY,
      NOW - 49 * HOUR,
      NOW - 47 * HOUR,
    ]);
  });

  it('keeps a row exactly at the cutoff', async () => {
    history([NOW - 48 * HOUR, NOW - 48 * HOUR - 1]);
    service.runRetention();
    expect(await times('SELECT t FROM analytics_ct_samples')).toEqual([NOW - 48 * HOUR]);
  });

  it('rolls up only what was marked since the last run', async () => {
    repo.writeCycle([sampleOf(101, NOW - 600, 1)], []);
    service.runRollup();
    expect(await times('SELECT t FROM analytics_ct_rollups')).toEqual([]);
    tracker.mark('ct', 101, NOW - 600);
    service.runRollup();
    expect((await times('SELECT t FROM analytics_ct_rollups')).length).toBe(2);
  });
});
