import { TABLES, type SubjectKind } from './entities/analytics-tables.js';

/**
 * What a threshold is compared with, per raw sample, as a percent. Only these fixed expressions
 * reach the SQL text; the threshold, window and subjects are bound parameters. A value that is
 * NULL (the CT did not run, no limit known) never counts as above.
 */
export const RUN_VALUES = {
  cpu: 'CASE WHEN up = 1 THEN cpu * 100 END',
  memory: 'CASE WHEN up = 1 AND maxmem > 0 THEN mem * 100.0 / maxmem END',
  rootfs: 'CASE WHEN up = 1 AND maxdisk > 0 THEN disk * 100.0 / maxdisk END',
  /** 100 while down, 0 while up */
  down: '(1 - up) * 100',
  /** 100 while up, 0 while down */
  up: 'up * 100',
} as const;
export type RunValue = keyof typeof RUN_VALUES;

/** One stretch of consecutive samples above a limit that lasted at least the `for` duration. */
export interface ThresholdRun {
  id: number | string;
  /** epoch s of the first sample above the limit */
  start: number;
  /** epoch s of the first sample at which the condition had held `for` seconds */
  fired: number;
  /** epoch s at which the last sample above the limit stops standing for (t + step) */
  until: number;
  peak: number;
}

export interface ThresholdRunQuery {
  kind: SubjectKind;
  value: RunValue;
  limit: number;
  forS: number;
  from: number;
  to: number;
  /** the subjects to look at; undefined: all */
  ids?: (number | string)[];
  max: number;
}

/**
 * A missing stretch longer than this many steps (the console was stopped) breaks a run: the
 * engine, restarted, would have started counting `for` again.
 */
export const RUN_GAP_STEPS = 3;

/**
 * Runs of raw samples above @limit per subject ("gaps and islands"): a running count of the
 * samples that are not above, or come after a gap, numbers the runs; each run that held @for
 * seconds gives one row. Same judgement as the rule engine on each cycle (value > limit, held for
 * `for`), replayed on the stored samples.
 */
export function thresholdRunsSql(kind: SubjectKind, value: RunValue): string {
  const { key, samples } = TABLES[kind];
  return [
    `WITH s AS (SELECT ${key} AS id, t, step, ${RUN_VALUES[value]} AS v,`,
    `t - LAG(t) OVER (PARTITION BY ${key} ORDER BY t) AS dt FROM ${samples}`,
    'WHERE t >= @from AND t < @to',
    `AND (@ids IS NULL OR ${key} IN (SELECT value FROM json_each(@ids)))),`,
    'g AS (SELECT id, t, step, v, SUM(CASE WHEN v > @limit AND (dt IS NULL OR',
    `dt <= ${RUN_GAP_STEPS} * step) THEN 0 ELSE 1 END) OVER (PARTITION BY id ORDER BY t) AS grp`,
    'FROM s),',
    'r AS (SELECT id, t, step, v, MIN(t) OVER (PARTITION BY id, grp) AS start FROM g',
    'WHERE v > @limit)',
    'SELECT id, start, MIN(CASE WHEN t - start >= @for THEN t END) AS fired,',
    'MAX(t + step) AS until, MAX(v) AS peak FROM r GROUP BY id, start',
    'HAVING fired IS NOT NULL ORDER BY fired, id LIMIT @max',
  ].join(' ');
}
