import { Observable, forkJoin, map } from 'rxjs';
import { AnalyticsSeriesDto } from '../../api/models';
import { RemoteResource } from '../../core/store/remote-resource';
import { SeriesUnit, formatSeriesValue } from './series-format';

export type Aggregate = 'avg' | 'max';

/** One data source of one answer, flattened for a sparkline. */
export interface Trend {
  readonly values: readonly (number | null)[];
  readonly last: number | null;
  readonly unit: SeriesUnit;
  /** Top of the scale: 1 for CPU ratios, the capacity for memory/disk bytes, else none. */
  readonly max: number | null;
  /** The latest value, formatted in its unit. */
  readonly text: string;
}

/** Picks `key` (e.g. 'cpu', 'netin') out of a column-wise series answer. */
export function trendOf(
  dto: AnalyticsSeriesDto | null | undefined,
  key: string,
  aggregate: Aggregate = 'avg',
): Trend | null {
  const series = dto?.series.find((s) => s.key === key);
  if (!dto || !series) return null;
  const values = series[aggregate];
  const last = [...values].reverse().find((v): v is number => v !== null) ?? null;
  const max = series.unit === 'ratio' ? 1 : series.unit === 'bytes' ? dto.capacity : null;
  return { values, last, unit: series.unit, max, text: formatSeriesValue(last, series.unit) };
}

/** How often sparklines reload: the collector samples about once a minute. */
export const TREND_POLL_MS = 60_000;

/**
 * A set of series answers loaded together under names of the caller's choice (e.g.
 * 'pve1:cpu'), so a page's sparklines share one loading/error state.
 */
export class TrendSet {
  private readonly resource = new RemoteResource<Readonly<Record<string, AnalyticsSeriesDto>>>();
  readonly data = this.resource.value;
  readonly error = this.resource.error;
  readonly loading = this.resource.initialLoading;

  load(requests: Readonly<Record<string, Observable<AnalyticsSeriesDto>>>): Promise<boolean> {
    const names = Object.keys(requests);
    if (!names.length) {
      this.resource.reset();
      return Promise.resolve(true);
    }
    return this.resource.load(() => forkJoin(requests).pipe(map((answers) => ({ ...answers }))));
  }

  trend(name: string, key: string): Trend | null {
    return trendOf(this.data()?.[name], key);
  }

  reset(): void {
    this.resource.reset();
  }
}
