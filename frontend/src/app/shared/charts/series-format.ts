import { SeriesValuesDto } from '../../api/models';
import { formatBytes, formatPercent } from '../format/format';

export type SeriesUnit = SeriesValuesDto['unit'];

/** Human names for the PVE data sources the analytics API returns. */
export const SERIES_LABELS: Readonly<Record<string, string>> = {
  cpu: 'CPU',
  mem: 'Memory',
  netin: 'Network in',
  netout: 'Network out',
  disk: 'Disk used',
  diskread: 'Disk read',
  diskwrite: 'Disk write',
};

export function seriesLabel(key: string): string {
  return SERIES_LABELS[key] ?? key;
}

/** CPU is a fraction of the allotted cores (shown as %), the rest are bytes or bytes per second. */
export function formatSeriesValue(
  value: number | null | undefined,
  unit: SeriesUnit,
  digits = 1,
): string {
  switch (unit) {
    case 'ratio':
      return formatPercent(value, digits);
    case 'bytes':
      return formatBytes(value, digits);
    case 'bytes/s': {
      const text = formatBytes(value, digits);
      return text === '—' ? text : `${text}/s`;
    }
  }
}

/** Axis ticks drop a trailing ".0" but keep one decimal, so 1.5 MiB and 2 MiB stay apart. */
export function formatAxisValue(value: number, unit: SeriesUnit): string {
  return formatSeriesValue(value, unit, 1).replace(/\.0(?=[ %])/, '');
}
