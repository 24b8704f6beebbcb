import type { RrdPoint } from '../proxmox/proxmox.types.js';

/** An RRD point with the seconds it stands for: [time, time + step). */
export interface SteppedPoint {
  point: RrdPoint;
  step: number;
}

/**
 * The step of each point, read from the answer itself rather than assumed per timeframe: PVE 8
 * serves the `pve2-*` files (`day` in 30-minute, `week` in 3-hour, `month` in 12-hour points),
 * PVE 9 the `pve-*-9.0` files (`day` in minutes, `week`/`month` in half hours), and PVE 9 on a
 * freshly upgraded node answers the old file's points up to its last update and the new file's
 * after it in ONE answer (pve-cluster PVE::RRD::create_rrd_data). So a point stands for the
 * distance to its neighbour in its own run of equally spaced points:
 *
 * - inside a run, both distances agree;
 * - at the seam of two runs, the side whose run continues wins; when neither or both continue,
 *   the larger distance wins (a coarse mean is never taken for a fine sample);
 * - a point whose interval would reach past the next point (the old file's last, never
 *   consolidated bucket, next to the new file's first points) is dropped;
 * - an answer of one point says nothing about its step and gives nothing.
 */
export function pointSteps(points: readonly RrdPoint[]): SteppedPoint[] {
  const sorted = uniqueByTime(points);
  const n = sorted.length;
  if (n < 2) return [];
  const gap = (i: number): number | undefined =>
    i >= 0 && i < n - 1 ? sorted[i + 1].time - sorted[i].time : undefined;
  const out: SteppedPoint[] = [];
  for (let i = 0; i < n; i++) {
    const left = gap(i - 1);
    const right = gap(i);
    const step = stepBetween(left, right, gap(i - 2) === left, gap(i + 1) === right);
    if (right !== undefined && step > right) continue;
    out.push({ point: sorted[i], step });
  }
  return out;
}

function stepBetween(
  left: number | undefined,
  right: number | undefined,
  leftRuns: boolean,
  rightRuns: boolean,
): number {
  if (left === undefined) return right as number;
  if (right === undefined || left === right) return left;
  if (leftRuns !== rightRuns) return leftRuns ? left : right;
  return Math.max(left, right);
}

/** Oldest first; of two points at one time the one with more data sources is kept. */
function uniqueByTime(points: readonly RrdPoint[]): RrdPoint[] {
  const byTime = new Map<number, RrdPoint>();
  for (const p of points) {
    const seen = byTime.get(p.time);
    if (!seen || Object.keys(p).length > Object.keys(seen).length) byTime.set(p.time, p);
  }
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}
