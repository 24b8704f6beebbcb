import {
  HOURLY_RETENTION_S,
  MAX_SERIES_POINTS,
  RAW_RETENTION_S,
  DAY_S,
  TIER_1H,
  TIER_5M,
} from './analytics.constants.js';

export type SeriesSource = 'raw' | '5m' | '1h';

export interface SeriesPlan {
  source: SeriesSource;
  /** width of one point in seconds; every bucket is aligned to a multiple of it */
  bucket: number;
  from: number;
  to: number;
}

/** Point widths a chart may get; each is a multiple of the tier it is read from. */
export const BUCKETS = [30, 60, 300, 1_800, 3_600, 10_800, 21_600, 86_400];
/** Rows one series may read; beyond it a coarser tier answers. */
export const MAX_ROWS_READ = 3_000;

interface SourceSpec {
  source: SeriesSource;
  resolution: number;
  keptS: number;
}

function sources(retentionDays: number, rawStepS: number): SourceSpec[] {
  return [
    { source: '1h', resolution: TIER_1H, keptS: HOURLY_RETENTION_S },
    { source: '5m', resolution: TIER_5M, keptS: retentionDays * DAY_S },
    { source: 'raw', resolution: rawStepS, keptS: RAW_RETENTION_S },
  ];
}

/**
 * The narrowest bucket that keeps the series under MAX_SERIES_POINTS, read from the coarsest
 * stored tier that is fine enough, still holds data from `from` on, and needs at most
 * MAX_ROWS_READ rows (so a 30-day chart reads 720 hourly rows, not 8,640 five-minute ones).
 * When no fine tier reaches back that far the bucket widens to the tier that does.
 */
export function planSeries(
  from: number,
  to: number,
  now: number,
  retentionDays: number,
  rawStepS = 30,
): SeriesPlan {
  const span = Math.max(1, to - from);
  const all = sources(retentionDays, Math.max(1, rawStepS));
  const covers = (s: SourceSpec): boolean => from >= now - s.keptS;
  const cheap = (s: SourceSpec): boolean => span / s.resolution <= MAX_ROWS_READ;
  for (const bucket of BUCKETS) {
    if (Math.ceil(span / bucket) > MAX_SERIES_POINTS) continue;
    const fit = all.find(
      (s) =>
        s.resolution <= bucket &&
        // raw samples sit at any second; tier rows must nest exactly in the bucket
        (s.source === 'raw' || bucket % s.resolution === 0) &&
        covers(s) &&
        cheap(s),
    );
    if (fit) return { source: fit.source, bucket, from, to };
  }
  const wanted =
    BUCKETS.find((b) => Math.ceil(span / b) <= MAX_SERIES_POINTS) ?? BUCKETS[BUCKETS.length - 1];
  const reaching = [...all].reverse().find(covers) ?? all[0];
  const bucket = BUCKETS.find((b) => b >= Math.max(wanted, reaching.resolution)) ?? wanted;
  return { source: reaching.source, bucket, from, to };
}

export const RANGES = {
  '1h': 3_600,
  '6h': 21_600,
  '24h': DAY_S,
  '7d': 7 * DAY_S,
  '30d': 30 * DAY_S,
};
export type RangeName = keyof typeof RANGES;
