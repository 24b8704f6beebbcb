import type { RrdTimeframe } from '../proxmox/proxmox.types.js';
import { DAY_S, TIER_5M } from './analytics.constants.js';
import type { RollupRow, SampleRow } from './analytics.types.js';
import { CAPACITY_COLUMNS, SAMPLE_METRICS } from './entities/analytics-tables.js';
import type { SteppedPoint } from './rrd-steps.js';

/** A gap of one subject to fill: `after` is the newest stored time (undefined: never seen). */
export interface BackfillJob {
  kind: 'ct' | 'node';
  id: number | string;
  node: string;
  after?: number;
  before: number;
  /** failed tries so far (a retry carries it on) */
  attempt?: number;
}

/**
 * One RRD read: which timeframe and the time window its points may fill. The resolution is not
 * part of the plan: each point's step is read from the answer (rrd-steps.ts), since PVE 8 and 9
 * serve different steps for one timeframe and an upgraded node mixes both.
 */
export interface RrdRead {
  timeframe: RrdTimeframe;
  /** points with from < t and t + step <= to are kept (from inclusive when nothing was stored) */
  from: number;
  to: number;
  inclusive: boolean;
  /**
   * the last day's points go to the raw samples (each with its own step: a minute on PVE 9, half
   * an hour on PVE 8), where the charts of the last 24 h read them; older ones, with their peaks,
   * straight into the 5-minute tier
   */
  target: 'samples' | 'rollups';
}

const MINUTE_S = 60;
const HOUR_S = 3_600;
/** PVE's 'day' timeframe holds 1,440 minute points; keep a minute of slack at its old end. */
const MINUTE_POINTS_REACH_S = DAY_S - MINUTE_S;

/**
 * The RRD reads that fill a gap, finest first: the hour/day timeframes for the last day (minute
 * points on PVE 9; on PVE 8 `day` has 30-minute points), week/month before that (half hours on
 * PVE 9, 3 or 12 hours on PVE 8), never further back than the retention.
 */
export function planBackfill(job: BackfillJob, retentionDays: number): RrdRead[] {
  const oldest = job.before - retentionDays * DAY_S;
  const from = Math.max(job.after ?? oldest, oldest);
  const inclusive = job.after === undefined;
  const minutesFrom = Math.max(from, job.before - MINUTE_POINTS_REACH_S);
  const reads: RrdRead[] = [];
  if (job.before > minutesFrom) {
    const timeframe = job.before - minutesFrom <= HOUR_S - MINUTE_S ? 'hour' : 'day';
    const fromHere = minutesFrom === from;
    reads.push({
      timeframe,
      from: minutesFrom,
      to: job.before,
      inclusive: fromHere ? inclusive : true,
      target: 'samples',
    });
  }
  if (from < minutesFrom) {
    const timeframe = minutesFrom - from <= 7 * DAY_S ? 'week' : 'month';
    reads.push({ timeframe, from, to: minutesFrom, inclusive, target: 'rollups' });
  }
  return reads;
}

/** Keeps the points whose whole interval lies inside the gap, so none overlaps stored data. */
export function pointsInWindow(points: SteppedPoint[], read: RrdRead): SteppedPoint[] {
  return points.filter(
    ({ point, step }) =>
      (read.inclusive ? point.time >= read.from : point.time > read.from) &&
      point.time + step <= read.to,
  );
}

/**
 * An RRD point older than a day as a 5-minute-tier row standing for its whole step: the
 * mean from the AVERAGE archive, the peak from the MAX archive (`max`, when read). PVE keeps no
 * MIN archive, so the minimum is the mean: the only value known to bound it (min <= avg), never
 * an invented dip.
 */
export function coarseRollup(sample: SampleRow, max?: SampleRow): RollupRow {
  const row = {
    id: sample.id,
    tier: TIER_5M,
    t: sample.t,
    step: sample.step,
    secs: sample.step,
    up: sample.up,
  } as RollupRow;
  const values = row as unknown as Record<string, number | null>;
  for (const m of SAMPLE_METRICS) {
    const avg = sample[m];
    const peak = max?.[m] ?? null;
    values[`${m}_min`] = avg;
    values[`${m}_avg`] = avg;
    // a MAX below the mean can only come from rounding; never let max < avg
    values[`${m}_max`] = peak === null || avg === null ? avg : Math.max(peak, avg);
  }
  for (const c of CAPACITY_COLUMNS) values[c] = sample[c];
  return row;
}
