/** Names under which the analytics jobs are registered in the SchedulerRegistry. */
export const COLLECT_JOB = 'analytics-collect';
export const ROLLUP_JOB = 'analytics-rollup';
export const RETENTION_JOB = 'analytics-retention';

export const ROLLUP_INTERVAL_MS = 60_000;
export const RETENTION_INTERVAL_MS = 3_600_000;

export const DAY_S = 86_400;
/** Raw samples are kept this long; older data lives in the rollups only. */
export const RAW_RETENTION_S = 48 * 3_600;
/** The 1-hour tier is kept a year whatever the configured retention. */
export const HOURLY_RETENTION_S = 365 * DAY_S;
export const TIER_5M = 300;
export const TIER_1H = 3_600;

/** Rows deleted per statement by the retention job, so a large purge never blocks for long. */
export const RETENTION_BATCH_ROWS = 5_000;
/** Free pages given back per incremental_vacuum call. */
export const VACUUM_BATCH_PAGES = 2_000;

/** A series never carries many more points than a chart can show. */
export const MAX_SERIES_POINTS = 1_500;
