import {
  AGGREGATES,
  CAPACITY_COLUMNS,
  SAMPLE_METRICS,
  type SampleMetric,
  type SubjectKind,
  TABLES,
} from './entities/analytics-tables.js';
import type { RunResult, Statement } from 'better-sqlite3';
import type { SampleRow } from './analytics.types.js';

/** SQL text of the analytics tables, built from the one column list in analytics-tables.ts. */

export const SAMPLE_COLUMNS = ['t', 'step', 'up', ...SAMPLE_METRICS, ...CAPACITY_COLUMNS] as const;
const ROLLUP_METRIC_COLUMNS = SAMPLE_METRICS.flatMap((m) => AGGREGATES.map((a) => `${m}_${a}`));

/** Time-weighted mean of an expression that may be NULL, each row weighing `weight` seconds. */
const weighted = (expr: string, weight: string): string =>
  `SUM(${expr} * ${weight}) / SUM(CASE WHEN ${expr} IS NULL THEN 0 ELSE ${weight} END)`;

/**
 * Stored means of byte and byte/s metrics are rounded to whole numbers: SQLite writes an integral
 * REAL as a 1-6 byte integer instead of an 8-byte float, which nearly halves a rollup row. CPU
 * (a fraction) keeps its float.
 */
const storedMean = (metric: SampleMetric, expr: string, weight: string): string =>
  metric === 'cpu' ? weighted(expr, weight) : `ROUND(${weighted(expr, weight)})`;

/** Positional parameters in sampleValues() order: named binding costs a lookup per column. */
export function insertSamplesSql(kind: SubjectKind, conflict: 'REPLACE' | 'IGNORE'): string {
  const cols = [TABLES[kind].key, ...SAMPLE_COLUMNS];
  const params = cols.map(() => '?');
  return `INSERT OR ${conflict} INTO ${TABLES[kind].samples} (${cols.join(', ')}) VALUES (${params.join(', ')})`;
}

/**
 * Runs an insertSamplesSql statement for one row. The values are passed as arguments, spelled out
 * in SAMPLE_COLUMNS order: building an array per row cost a quarter of a 1,000-row cycle's write.
 */
export function runSample(stmt: Statement, r: SampleRow): RunResult {
  return stmt.run(
    r.id,
    r.t,
    r.step,
    r.up,
    r.cpu,
    r.mem,
    r.disk,
    r.netin,
    r.netout,
    r.diskread,
    r.diskwrite,
    r.maxcpu,
    r.maxmem,
    r.maxdisk,
  );
}

export function insertRollupSql(kind: SubjectKind): string {
  const cols = [
    TABLES[kind].key,
    'tier',
    't',
    'step',
    'secs',
    'up',
    ...ROLLUP_METRIC_COLUMNS,
    ...CAPACITY_COLUMNS,
  ];
  const params = ['@id', ...cols.slice(1).map((c) => `@${c}`)];
  return `INSERT OR IGNORE INTO ${TABLES[kind].rollups} (${cols.join(', ')}) VALUES (${params.join(', ')})`;
}

/** Rebuilds the buckets of one subject (@key) that its raw samples in [@from, @to) fall in. */
export function rollupFromSamplesSql(kind: SubjectKind, tier: number): string {
  const { key, samples, rollups } = TABLES[kind];
  const aggregates = SAMPLE_METRICS.flatMap((m) => [
    `MIN(${m})`,
    storedMean(m, m, 'step'),
    `MAX(${m})`,
  ]);
  return rollupSql(key, rollups, [
    `SELECT @key, ${tier}, (t / ${tier}) * ${tier} AS b, MIN(step), SUM(step),`,
    `${weighted('up', 'step')}, ${aggregates.join(', ')},`,
    `${CAPACITY_COLUMNS.map((c) => `MAX(${c})`).join(', ')}`,
    `FROM ${samples} WHERE ${key} = @key AND t >= @from AND t < @to GROUP BY b`,
  ]);
}

/** Rebuilds one subject's `tier` buckets from the finer `source` tier's rows in [@from, @to). */
export function rollupFromRollupsSql(kind: SubjectKind, tier: number, source: number): string {
  const { key, rollups } = TABLES[kind];
  const aggregates = SAMPLE_METRICS.flatMap((m) => [
    `MIN(${m}_min)`,
    storedMean(m, `${m}_avg`, 'secs'),
    `MAX(${m}_max)`,
  ]);
  return rollupSql(key, rollups, [
    `SELECT @key, ${tier}, (t / ${tier}) * ${tier} AS b, MIN(step), SUM(secs),`,
    `${weighted('up', 'secs')}, ${aggregates.join(', ')},`,
    `${CAPACITY_COLUMNS.map((c) => `MAX(${c})`).join(', ')}`,
    `FROM ${rollups} WHERE ${key} = @key AND tier = ${source} AND t >= @from AND t < @to`,
    'GROUP BY b',
  ]);
}

function rollupSql(key: string, rollups: string, select: string[]): string {
  const cols = [
    key,
    'tier',
    't',
    'step',
    'secs',
    'up',
    ...ROLLUP_METRIC_COLUMNS,
    ...CAPACITY_COLUMNS,
  ];
  return `INSERT OR REPLACE INTO ${rollups} (${cols.join(', ')}) ${select.join(' ')}`;
}

/**
 * One series (@bucket is cast: better-sqlite3 binds JS numbers as REAL, which would turn the
 * bucket arithmetic into a float division): min, time-weighted avg and max per bucket of @bucket seconds, for the metrics
 * asked, plus the largest capacity seen (maxmem, maxdisk, ...).
 */
export function seriesSql(
  kind: SubjectKind,
  raw: boolean,
  metrics: readonly SampleMetric[],
  capacity: string | null,
): string {
  const { key, samples, rollups } = TABLES[kind];
  const parts = metrics.flatMap((m) =>
    raw
      ? [`MIN(${m})`, weighted(m, 'step'), `MAX(${m})`]
      : [`MIN(${m}_min)`, weighted(`${m}_avg`, 'secs'), `MAX(${m}_max)`],
  );
  const cap = capacity ? `, MAX(${capacity})` : ', NULL';
  const where = raw
    ? `FROM ${samples} WHERE ${key} = @key`
    : `FROM ${rollups} WHERE ${key} = @key AND tier = @tier`;
  return (
    `SELECT (t / CAST(@bucket AS INTEGER)) * CAST(@bucket AS INTEGER) AS b, ${parts.join(', ')}${cap} ${where} ` +
    `AND t >= @from AND t < @to GROUP BY b ORDER BY b`
  );
}

/**
 * Mean of every metric per subject over [@from, @to) from one rollup tier, for the summary. The
 * subjects are enumerated by a skip-scan over the primary key (one seek per subject), so each one's
 * rows are read by an indexed range instead of scanning the whole table by time.
 */
export function subjectMeansSql(kind: SubjectKind): string {
  const { key, rollups } = TABLES[kind];
  const means = SAMPLE_METRICS.map((m) => `${weighted(`r.${m}_avg`, 'r.secs')} AS ${m}`);
  return [
    `WITH RECURSIVE ids(k) AS (SELECT MIN(${key}) FROM ${rollups}`,
    `UNION ALL SELECT (SELECT MIN(${key}) FROM ${rollups} WHERE ${key} > ids.k) FROM ids`,
    'WHERE ids.k IS NOT NULL)',
    `SELECT ids.k AS key, ${means.join(', ')}, MAX(r.maxcpu) AS maxcpu, MAX(r.maxmem) AS maxmem,`,
    `MAX(r.maxdisk) AS maxdisk FROM ids JOIN ${rollups} r ON r.${key} = ids.k`,
    'AND r.tier = @tier AND r.t >= @from AND r.t < @to GROUP BY ids.k',
  ].join(' ');
}

/** Deletes at most @limit rows older than @before (the composite key has no rowid to page by). */
export function deleteExpiredSql(kind: SubjectKind, table: 'samples' | 'rollups'): string {
  const { key } = TABLES[kind];
  const name = TABLES[kind][table];
  const tier = table === 'rollups' ? 'AND tier = @tier' : '';
  const pk = table === 'rollups' ? `${key}, tier, t` : `${key}, t`;
  return (
    `DELETE FROM ${name} WHERE (${pk}) IN ` +
    `(SELECT ${pk} FROM ${name} WHERE t < @before ${tier} LIMIT @limit)`
  );
}

export function lastTimeSql(kind: SubjectKind): string {
  const { key, samples, rollups } = TABLES[kind];
  return (
    `SELECT MAX(t) AS t FROM (SELECT MAX(t) AS t FROM ${samples} WHERE ${key} = @key ` +
    `UNION ALL SELECT MAX(t) + 300 FROM ${rollups} WHERE ${key} = @key AND tier = 300)`
  );
}
