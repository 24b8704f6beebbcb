/** RRD archives of PVE 9 (`pve-*-9.0` files) as rrddata serves them: step and point count per timeframe. */
export const RRD_TIMEFRAMES = {
  hour: { step: 60, points: 60 },
  day: { step: 60, points: 1440 },
  week: { step: 1800, points: 336 },
  month: { step: 1800, points: 1440 },
  year: { step: 21600, points: 1440 },
  decade: { step: 604800, points: 570 },
} as const;

export type Timeframe = keyof typeof RRD_TIMEFRAMES;
export type ConsolidationFn = 'AVERAGE' | 'MAX';
export type RrdPoint = Record<string, number>;

/**
 * One bucket [t0, t1): return the data sources that have a value. Data sources with no value are
 * left out, as rrddata does, rather than sent as null.
 */
export type BucketReader = (t0: number, t1: number, cf: ConsolidationFn) => Record<string, number>;

export function isTimeframe(value: string): value is Timeframe {
  return Object.hasOwn(RRD_TIMEFRAMES, value);
}

/** Bucket start times, oldest first; the last one is the bucket that contains `nowSec`. */
export function rrdTimes(timeframe: Timeframe, nowSec: number): number[] {
  const { step, points } = RRD_TIMEFRAMES[timeframe];
  const end = Math.floor(nowSec / step) * step;
  const times: number[] = [];
  for (let i = points - 1; i >= 0; i--) times.push(end - i * step);
  return times;
}

export function rrdData(
  timeframe: Timeframe,
  cf: ConsolidationFn,
  nowSec: number,
  read: BucketReader,
  staticFields: Record<string, number> = {},
): RrdPoint[] {
  const { step } = RRD_TIMEFRAMES[timeframe];
  return rrdTimes(timeframe, nowSec).map((time) => {
    // The newest bucket is not complete yet, so rrdcached has no consolidated value for it.
    if (time + step > nowSec) return { time, ...staticFields };
    return { time, ...read(time, time + step, cf) };
  });
}
