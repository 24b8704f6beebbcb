import type {
  Aggregate,
  CapacityColumn,
  SampleMetric,
  SubjectKind,
} from './entities/analytics-tables.js';

export type { SubjectKind, SampleMetric, CapacityColumn, Aggregate };

/** One sample of a container (id = vmid) or node (id = node name). */
export type SampleRow = {
  id: number | string;
  t: number;
  step: number;
  up: number;
} & Record<SampleMetric | CapacityColumn, number | null>;

/** A rollup row as stored: min/avg/max per metric over `secs` seconds of data. */
export type RollupRow = {
  id: number | string;
  tier: number;
  t: number;
  step: number;
  secs: number;
  up: number | null;
} & Record<`${SampleMetric}_${Aggregate}` | CapacityColumn, number | null>;

/** One bucket of a series: time, then min/avg/max of each metric asked, then the capacity. */
export type SeriesRow = (number | null)[];

export interface SubjectMeans extends Record<SampleMetric | CapacityColumn, number | null> {
  key: number | string;
}
