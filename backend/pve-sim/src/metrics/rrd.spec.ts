import { describe, expect, it } from 'vitest';
import { RRD_TIMEFRAMES, rrdData, rrdTimes, type Timeframe } from './rrd.js';

const now = 1_764_000_123;

describe('rrd layout (PVE 9)', () => {
  it.each([
    ['hour', 60, 60],
    ['day', 60, 1440],
    ['week', 1800, 336],
    ['month', 1800, 1440],
    ['year', 21600, 1440],
    ['decade', 604800, 570],
  ] as [Timeframe, number, number][])('%s has %i s steps and %i points', (tf, step, points) => {
    const times = rrdTimes(tf, now);
    expect(RRD_TIMEFRAMES[tf]).toEqual({ step, points });
    expect(times).toHaveLength(points);
    expect(times.every((t) => t % step === 0)).toBe(true);
    expect(times[1] - times[0]).toBe(step);
    expect(times.at(-1)).toBeLessThanOrEqual(now);
    expect(times.at(-1)! + step).toBeGreaterThan(now);
  });

  it('leaves the unfinished newest bucket with only time and the static fields', () => {
    const points = rrdData('hour', 'AVERAGE', now, () => ({ cpu: 0.5 }), { maxcpu: 2 });
    expect(points.at(-1)).toEqual({ time: points.at(-1)!.time, maxcpu: 2 });
    expect(points.at(-2)).toEqual({ time: points.at(-2)!.time, cpu: 0.5 });
  });

  it('passes the bucket bounds and consolidation function to the reader', () => {
    const seen: [number, number, string][] = [];
    rrdData('week', 'MAX', now, (t0, t1, cf) => (seen.push([t0, t1, cf]), {}));
    expect(seen[0][1] - seen[0][0]).toBe(1800);
    expect(seen.every(([, , cf]) => cf === 'MAX')).toBe(true);
  });
});
