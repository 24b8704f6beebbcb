import { AnalyticsSeriesDto, SeriesValuesDto } from '../../api/models';

/** Test builder: a series answer whose keys carry the given avg values (max = avg × 2). */
export function aSeries(
  values: Readonly<Record<string, (number | null)[]>> = { cpu: [0.1, 0.2, null, 0.4] },
  overrides: Partial<AnalyticsSeriesDto> = {},
): AnalyticsSeriesDto {
  const keys = Object.keys(values);
  const length = Math.max(...keys.map((k) => values[k].length));
  const series: SeriesValuesDto[] = keys.map((key) => ({
    key,
    unit: key === 'cpu' ? 'ratio' : key === 'mem' || key === 'disk' ? 'bytes' : 'bytes/s',
    avg: values[key],
    min: values[key],
    max: values[key].map((v) => (v === null ? null : v * 2)),
  }));
  return {
    id: '101',
    subject: 'container',
    metric: 'cpu',
    from: 1_700_000_000,
    to: 1_700_000_000 + 60 * length,
    step: 60,
    source: 'raw',
    capacity: 4 * 1024 ** 3,
    t: Array.from({ length }, (_, i) => 1_700_000_000 + 60 * i),
    series,
    ...overrides,
  };
}
