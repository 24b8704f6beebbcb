import { AnalyticsSeriesDto } from '../../api/models';
import { ChartLine } from '../../shared/charts/line-chart-options';
import { SeriesUnit } from '../../shared/charts/series-format';
import { Aggregate } from '../../shared/charts/trend';

export type Metric = AnalyticsSeriesDto['metric'];
export type Range = '1h' | '6h' | '24h' | '7d' | '30d';

export interface MetricTab {
  readonly value: Metric;
  readonly label: string;
  /** Data sources the API returns for this metric; the chart shows one at a time. */
  readonly keys: readonly string[];
}

export const METRICS: readonly MetricTab[] = [
  { value: 'cpu', label: 'CPU', keys: ['cpu'] },
  { value: 'memory', label: 'Memory', keys: ['mem'] },
  { value: 'network', label: 'Network', keys: ['netin', 'netout'] },
  { value: 'disk', label: 'Disk', keys: ['diskread', 'diskwrite', 'disk'] },
];

export const RANGES: readonly Range[] = ['1h', '6h', '24h', '7d', '30d'];

/** A brushed or otherwise explicit window, epoch seconds. */
export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

export type Subject =
  | { readonly kind: 'container'; readonly vmid: number; readonly name: string }
  | { readonly kind: 'node'; readonly node: string };

export interface SubjectSeries {
  readonly subject: Subject;
  readonly series: AnalyticsSeriesDto;
}

export interface SeriesStats {
  readonly id: string;
  readonly name: string;
  readonly subject: Subject;
  readonly unit: SeriesUnit | null;
  readonly latest: number | null;
  readonly mean: number | null;
  readonly peak: number | null;
}

export function keysOf(metric: Metric): readonly string[] {
  return METRICS.find((m) => m.value === metric)?.keys ?? [];
}

export function subjectId(subject: Subject): string {
  return subject.kind === 'container' ? `ct:${subject.vmid}` : `node:${subject.node}`;
}

export function subjectName(subject: Subject): string {
  return subject.kind === 'container'
    ? `${subject.name} (CT ${subject.vmid})`
    : `Node ${subject.node}`;
}

/** One chart line per selected container or node, for one data source and aggregate. */
export function compareLines(
  results: readonly SubjectSeries[],
  key: string,
  aggregate: Aggregate,
): ChartLine[] {
  return results.flatMap(({ subject, series }) => {
    const values = series.series.find((s) => s.key === key);
    if (!values) return [];
    return [
      {
        name: subjectName(subject),
        unit: values.unit,
        points: series.t.map((t, i) => [t * 1000, values[aggregate][i] ?? null] as const),
      },
    ];
  });
}

/** Latest mean, mean over the window and highest peak per selected item, for the table. */
export function seriesStats(results: readonly SubjectSeries[], key: string): SeriesStats[] {
  return results.map(({ subject, series }) => {
    const values = series.series.find((s) => s.key === key);
    const avg = (values?.avg ?? []).filter((v): v is number => v !== null);
    const max = (values?.max ?? []).filter((v): v is number => v !== null);
    return {
      id: subjectId(subject),
      name: subjectName(subject),
      subject,
      unit: values?.unit ?? null,
      latest: avg.length ? avg[avg.length - 1] : null,
      mean: avg.length ? avg.reduce((a, b) => a + b, 0) / avg.length : null,
      peak: max.length ? Math.max(...max) : null,
    };
  });
}

/** e.g. proxicloud-ct-101-network-24h.csv or proxicloud-node-pve1-cpu-20261126T0500.csv */
export function csvFileName(subject: Subject, metric: Metric, when: Range | TimeWindow): string {
  const who = subject.kind === 'container' ? `ct-${subject.vmid}` : `node-${subject.node}`;
  const span =
    typeof when === 'string'
      ? when
      : new Date(when.from * 1000).toISOString().slice(0, 16).replace(/[-:]/g, '');
  return `proxicloud-${who}-${metric}-${span}.csv`;
}

/** How the answer was produced, e.g. "5-minute buckets from the 5m tier". */
export function resolutionLabel(series: AnalyticsSeriesDto | undefined): string {
  if (!series) return '';
  const step =
    series.step >= 3600
      ? `${series.step / 3600}-hour`
      : series.step >= 60
        ? `${Math.round(series.step / 60)}-minute`
        : `${series.step}-second`;
  const source = series.source === 'raw' ? 'raw samples' : `${series.source} roll-ups`;
  return `${step} points from ${source}`;
}
