/** RRD archives of PVE 9 (`pve-*-9.0` files) as rrddata serves them: step and point count per timeframe. */
export const RRD_TIMEFRAMES = {
  hour: { step: 60, points: 60 },
  day: { step: 60, points: 1440 },
  week: { step: 1800, points: 336 },
  month: { step: 1800, points: 1440 },
  year: { step: 21600, points: 1440 },
  decade: { step: 604800, points: 570 },
} as const;

/**
 * PVE 8's `pve2-*` files as rrddata serves them (PVE::RRD::create_rrd_data in pve-cluster 8.x:
 * `hour => [60, 70], day => [60*30, 70], week => [60*180, 70], month => [60*720, 70],
 * year => [60*10080, 70]`); no decade.
 */
export const PVE2_RRD_TIMEFRAMES: Readonly<Record<string, { step: number; points: number }>> = {
  hour: { step: 60, points: 70 },
  day: { step: 1800, points: 70 },
  week: { step: 10800, points: 70 },
  month: { step: 43200, points: 70 },
  year: { step: 604800, points: 70 },
};

export type Timeframe = keyof typeof RRD_TIMEFRAMES;
export type RrdLayout = 'pve2' | 'pve9';

export function rrdTimeframe(timeframe: Timeframe, layout: RrdLayout = 'pve9') {
  const pve2 = layout === 'pve2' ? PVE2_RRD_TIMEFRAMES[timeframe] : undefined;
  return pve2 ?? RRD_TIMEFRAMES[timeframe];
}
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
export function rrdTimes(timeframe: Timeframe, nowSec: number, layout?: RrdLayout): number[] {
  const { step, points } = rrdTimeframe(timeframe, layout);
  const end = Math.floor(nowSec / step) * step;
  const times: number[] = [];
  for (let i = points - 1; i >= 0; i--) times.push(end - i * step);
  return times;
}

/** Which RRD files answer: the release's layout, and on PVE 9 an old `pve2-*` file kept until. */
export interface RrdSource {
  layout?: RrdLayout;
  /**
   * A node upgraded from PVE 8 at this epoch second still has its `pve2-*` files: PVE 9's
   * create_rrd_data serves their points (at PVE 8 steps) up to their last update, then the new
   * file's from there on, in one answer.
   */
  pve2Until?: number;
}

export function rrdData(
  timeframe: Timeframe,
  cf: ConsolidationFn,
  nowSec: number,
  read: BucketReader,
  staticFields: Record<string, number> = {},
  source: RrdSource = {},
): RrdPoint[] {
  const layout = source.layout ?? 'pve9';
  const points = (tf: Timeframe, l: RrdLayout, times: number[], until = Infinity): RrdPoint[] => {
    const { step } = rrdTimeframe(tf, l);
    return times.map((time) => {
      // The newest bucket is not complete yet, so rrdcached has no consolidated value for it;
      // nor is an old file's bucket that its last update fell into.
      if (time + step > Math.min(nowSec, until)) return { time, ...staticFields };
      return { time, ...read(time, time + step, cf) };
    });
  };
  const times = rrdTimes(timeframe, nowSec, layout);
  const until = source.pve2Until;
  // PVE::RRD::create_rrd_data: the old file is read when the request starts before its last update
  if (layout === 'pve2' || until === undefined || times[0] >= until) {
    return points(timeframe, layout, times);
  }
  const oldTf = timeframe === 'decade' ? 'year' : timeframe;
  const old = rrdTimes(oldTf, nowSec, 'pve2').filter((t) => t <= until);
  const { step } = rrdTimeframe(timeframe, 'pve9');
  const fresh = times.filter((t) => t >= Math.floor(until / step) * step);
  return [...points(oldTf, 'pve2', old, until), ...points(timeframe, 'pve9', fresh)];
}
