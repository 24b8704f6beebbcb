import { describe, expect, it } from 'vitest';
import type { RrdPoint } from '../proxmox/proxmox.types.js';
import { pointSteps } from './rrd-steps.js';

const T = 1_800_000_000 - (1_800_000_000 % 86_400);

function run(from: number, step: number, count: number): RrdPoint[] {
  return Array.from({ length: count }, (_, i) => ({ time: from + i * step, cpu: 0.1 }));
}

const steps = (points: RrdPoint[]): [number, number][] =>
  pointSteps(points).map(({ point, step }) => [point.time - T, step]);

describe('pointSteps', () => {
  it('gives every point of an evenly spaced answer that spacing', () => {
    expect(new Set(pointSteps(run(T, 60, 60)).map((p) => p.step))).toEqual(new Set([60]));
    expect(new Set(pointSteps(run(T, 10_800, 70)).map((p) => p.step))).toEqual(new Set([10_800]));
  });

  it('keeps the coarse step of the old run and the fine step of the new one at the seam', () => {
    // PVE 9 right after an upgrade: pve2 half hours, the old file's last (empty) bucket, minutes
    const old = run(T, 1800, 4);
    const seam = { time: T + 4 * 1800 };
    const fresh = run(T + 4 * 1800 + 420, 60, 5);
    expect(steps([...old, seam, ...fresh])).toEqual([
      [0, 1800],
      [1800, 1800],
      [3600, 1800],
      [5400, 1800],
      // [7200, 1800] would reach past the first new point: dropped
      [7620, 60],
      [7680, 60],
      [7740, 60],
      [7800, 60],
      [7860, 60],
    ]);
  });

  it('takes the larger distance when neither side continues a run', () => {
    expect(steps(run(T, 1800, 2))).toEqual([
      [0, 1800],
      [1800, 1800],
    ]);
    expect(steps([{ time: T }, { time: T + 60 }, { time: T + 1860 }])).toEqual([
      [0, 60],
      [60, 1800],
      [1860, 1800],
    ]);
  });

  it('sorts, keeps the fuller of two points at one time, and gives nothing for one point', () => {
    expect(steps([{ time: T + 60, cpu: 1 }, { time: T }, { time: T + 60 }])).toEqual([
      [0, 60],
      [60, 60],
    ]);
    expect(pointSteps([{ time: T, cpu: 1 }])).toEqual([]);
  });
});
