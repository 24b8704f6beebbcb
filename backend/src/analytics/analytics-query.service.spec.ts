import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterStateService } from '../cache/cluster-state.service.js';
import type { AppConfig } from '../config/app-config.js';
import { AnalyticsQueryService } from './analytics-query.service.js';
import { openAnalyticsDb, sampleOf } from './testing/analytics-test-db.js';

/** NOW is 40 s into minute M; samples every 30 s at 15 and 45 s past each minute, value k */
const M = 1_800_000_000 - (1_800_000_000 % 60);
const NOW = M + 40;
const STEP = 30;
const FIRST = M - 585;
let ds: DataSource;
let service: AnalyticsQueryService;

beforeEach(async () => {
  const { dataSource, repository } = await openAnalyticsDb();
  ds = dataSource;
  for (let t = FIRST; t < NOW; t += STEP) {
    repository.writeCycle([sampleOf(101, t, (t - FIRST) / STEP, STEP)], []);
  }
  const config = { collectIntervalS: STEP, retentionDays: 30 } as AppConfig;
  const clock = { nowS: () => NOW };
  service = new AnalyticsQueryService(config, repository, clock, {} as ClusterStateService);
});
afterEach(async () => ds.destroy());

describe('AnalyticsQueryService series end', () => {
  it('ends a live 24-hour chart at its last complete minute, so the newest point never jumps', async () => {
    const series = await service.series('ct', 101, 'cpu', service.window({ range: '24h' }));
    expect(series.step).toBe(60);
    // minute M holds only its first sample (k = 20) so far; minute M - 60 holds k = 18 and 19
    expect(series.t[series.t.length - 1]).toBe(M - 60);
    expect(series.series[0].avg[series.t.length - 1]).toBeCloseTo(18.5);
  });

  it('serves an explicit window as asked, open bucket included', async () => {
    const series = await service.series(
      'ct',
      101,
      'cpu',
      service.window({ from: NOW - 86_400, to: NOW + 1 }),
    );
    expect(series.t[series.t.length - 1]).toBe(M);
    expect(series.series[0].avg[series.t.length - 1]).toBe(20);
  });

  it('keeps the newest point when a bucket is one collect interval wide', async () => {
    const series = await service.series('ct', 101, 'cpu', service.window({ range: '1h' }));
    expect(series.step).toBe(STEP);
    expect(series.t[series.t.length - 1]).toBe(M);
  });
});
