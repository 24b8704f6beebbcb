import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';

/**
 * The metrics every sample carries, one REAL column each. Rates (B/s) are null when unknown
 * (first sight of a guest, or a counter reset); SQLite stores integral REALs as integers on disk.
 */
export const GAUGE_METRICS = ['cpu', 'mem', 'disk'] as const;
export const RATE_METRICS = ['netin', 'netout', 'diskread', 'diskwrite'] as const;
export const SAMPLE_METRICS = [...GAUGE_METRICS, ...RATE_METRICS] as const;
export type SampleMetric = (typeof SAMPLE_METRICS)[number];

/** Capacities: stored as the latest value of a bucket, never averaged. */
export const CAPACITY_COLUMNS = ['maxcpu', 'maxmem', 'maxdisk'] as const;
export type CapacityColumn = (typeof CAPACITY_COLUMNS)[number];

export const AGGREGATES = ['min', 'avg', 'max'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

export type SubjectKind = 'ct' | 'node';

/** Table names: raw samples (48 h) and rollups (5-minute and 1-hour tiers in one table each). */
export const TABLES = {
  ct: { samples: 'analytics_ct_samples', rollups: 'analytics_ct_rollups', key: 'vmid' },
  node: { samples: 'analytics_node_samples', rollups: 'analytics_node_rollups', key: 'node' },
} as const;

const real = (): EntitySchemaColumnOptions => ({ type: 'real', nullable: true });
const int = (primary = false): EntitySchemaColumnOptions => ({ type: 'integer', primary });

function keyColumn(kind: SubjectKind): EntitySchemaColumnOptions {
  return kind === 'ct'
    ? { type: 'integer', primary: true }
    : { type: 'varchar', length: 64, primary: true };
}

function metricColumns(rollup: boolean): Record<string, EntitySchemaColumnOptions> {
  const cols: Record<string, EntitySchemaColumnOptions> = {};
  for (const m of SAMPLE_METRICS) {
    if (!rollup) cols[m] = real();
    else for (const a of AGGREGATES) cols[`${m}_${a}`] = real();
  }
  for (const c of CAPACITY_COLUMNS) cols[c] = real();
  return cols;
}

/**
 * One row per (subject, time), all metrics as columns, WITHOUT ROWID so the composite primary
 * key is the table's only b-tree. `t` is epoch seconds; `step` the seconds the row stands for
 * (collect interval, 60 for RRD minute points, 1800 for RRD half-hour points); `up` 1/0 (a
 * fraction in rollups).
 */
function samplesSchema(kind: SubjectKind): EntitySchema {
  const names = TABLES[kind];
  return new EntitySchema({
    name: `${kind}Sample`,
    tableName: names.samples,
    withoutRowid: true,
    columns: {
      [names.key]: keyColumn(kind),
      t: int(true),
      step: int(),
      up: real(),
      ...metricColumns(false),
    },
  });
}

/** `tier` is the bucket width (300 or 3600); `step` the finest resolution that fed the row. */
function rollupsSchema(kind: SubjectKind): EntitySchema {
  const names = TABLES[kind];
  return new EntitySchema({
    name: `${kind}Rollup`,
    tableName: names.rollups,
    withoutRowid: true,
    columns: {
      [names.key]: keyColumn(kind),
      tier: int(true),
      t: int(true),
      step: int(),
      secs: int(),
      up: real(),
      ...metricColumns(true),
    },
  });
}

export const ANALYTICS_ENTITIES = [
  samplesSchema('ct'),
  samplesSchema('node'),
  rollupsSchema('ct'),
  rollupsSchema('node'),
];
