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

describe('rrd layout (PVE 8, pve2 files)', () => {
  it.each([
    ['hour', 60],
    ['day', 1800],
    ['week', 10800],
    ['month', 43200],
    ['year', 604800],
  ] as [Timeframe, number][])('%s has %i s steps and 70 points', (tf, step) => {
    const times = rrdTimes(tf, now, 'pve2');
    expect(times).toHaveLength(70);
    expect(times[1] - times[0]).toBe(step);
    expect(times.every((t) => t % step === 0)).toBe(true);
  });

  it('reads each pve2 bucket over its whole step', () => {
    const seen: number[] = [];
    rrdData('day', 'AVERAGE', now, (t0, t1) => (seen.push(t1 - t0), {}), {}, { layout: 'pve2' });
    expect(new Set(seen)).toEqual(new Set([1800]));
  });

  it('on PVE 9 after an upgrade serves the old file up to its last update, then the new one', () => {
    const until = now - 7200;
    const points = rrdData('day', 'AVERAGE', now, () => ({ cpu: 1 }), {}, { pve2Until: until });
    const times = points.map((p) => p.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const old = points.filter((p) => p.time <= until - 60);
    expect(old.every((p) => p.time % 1800 === 0)).toBe(true);
    expect(points.filter((p) => p.time >= Math.floor(until / 60) * 60)).toHaveLength(121);
    // the bucket the old file's last update fell into has no consolidated value
    expect(points.find((p) => p.time === Math.floor(until / 1800) * 1800)?.cpu).toBeUndefined();
  });
});
