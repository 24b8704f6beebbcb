import { describe, expect, it } from 'vitest';
import { MAX_SERIES_POINTS } from './analytics.constants.js';
import { RANGES, type RangeName, planSeries } from './series-resolution.js';

const NOW = 1_800_000_000;

function plan(range: RangeName, retentionDays = 30) {
  return planSeries(NOW - RANGES[range], NOW, NOW, retentionDays);
}

describe('planSeries', () => {
  it.each([
    ['1h', 'raw', 30],
    ['6h', 'raw', 30],
    ['24h', 'raw', 60],
    ['7d', '5m', 1_800],
    ['30d', '1h', 3_600],
  ] as const)('reads %s from the %s tier in %i-second points', (range, source, bucket) => {
    expect(plan(range)).toMatchObject({ source, bucket });
  });

  it('never plans more than about 1,500 points for any named range', () => {
    for (const range of Object.keys(RANGES) as RangeName[]) {
      const p = plan(range);
      expect(Math.ceil(RANGES[range] / p.bucket), range).toBeLessThanOrEqual(MAX_SERIES_POINTS);
    }
  });

  it('falls back to the hourly tier when the 5-minute tier no longer reaches back', () => {
    expect(plan('7d', 3)).toMatchObject({ source: '1h', bucket: 3_600 });
  });

  it('reads a coarser tier rather than thousands of rows per chart', () => {
    // 30 days of 5-minute rows would be 8,640 reads for 1,440 points; 720 hourly rows do
    expect(plan('30d').source).toBe('1h');
    // collecting every 2 s, a day of raw samples is 43,200 rows: the 5-minute tier answers
    expect(planSeries(NOW - 86_400, NOW, NOW, 30, 2)).toMatchObject({ source: '5m', bucket: 300 });
  });

  it('buckets raw samples taken at an interval that does not divide the bucket', () => {
    expect(planSeries(NOW - 3_600, NOW, NOW, 30, 7)).toMatchObject({ source: 'raw', bucket: 30 });
  });

  it('reads an old short window from the 5-minute tier because raw samples are gone', () => {
    const from = NOW - 10 * 86_400;
    expect(planSeries(from, from + 3_600, NOW, 30)).toMatchObject({ source: '5m', bucket: 300 });
  });

  it('uses the hourly tier in 6-hour points for a year', () => {
    expect(planSeries(NOW - 365 * 86_400, NOW, NOW, 30)).toMatchObject({
      source: '1h',
      bucket: 21_600,
    });
  });
});
