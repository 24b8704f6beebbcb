import { Inject, Injectable } from '@nestjs/common';
import { ClusterStateService } from '../cache/cluster-state.service.js';
import { badRequest, notFound } from '../common/domain-errors.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AnalyticsClock } from './analytics-clock.js';
import { AnalyticsRepository } from './analytics.repository.js';
import type { SampleMetric, SubjectKind } from './analytics.types.js';
import type { ChartMetric, TimeWindowQueryDto } from './dto/series-query.dto.js';
import type { AnalyticsSeriesDto, SeriesUnit } from './dto/series.dto.js';
import { RANGES, planSeries } from './series-resolution.js';

interface MetricSpec {
  keys: { key: SampleMetric; unit: SeriesUnit }[];
  capacity: string | null;
}

const METRICS: Record<ChartMetric, MetricSpec> = {
  cpu: { keys: [{ key: 'cpu', unit: 'ratio' }], capacity: 'maxcpu' },
  memory: { keys: [{ key: 'mem', unit: 'bytes' }], capacity: 'maxmem' },
  network: {
    keys: [
      { key: 'netin', unit: 'bytes/s' },
      { key: 'netout', unit: 'bytes/s' },
    ],
    capacity: null,
  },
  disk: {
    keys: [
      { key: 'disk', unit: 'bytes' },
      { key: 'diskread', unit: 'bytes/s' },
      { key: 'diskwrite', unit: 'bytes/s' },
    ],
    capacity: 'maxdisk',
  },
};

/** The longest window one request may ask for. */
const MAX_WINDOW_S = 400 * 86_400;

export interface Window {
  from: number;
  to: number;
  /** the window ends now (no `to` asked): its newest bucket may still be filling */
  live?: boolean;
}

/** Chart series of one container or node, at a resolution that keeps them ≤ ~1,500 points. */
@Injectable()
export class AnalyticsQueryService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: AnalyticsRepository,
    private readonly clock: AnalyticsClock,
    private readonly cluster: ClusterStateService,
  ) {}

  /** from/to win over range; the default is the last 24 hours. */
  window(q: TimeWindowQueryDto): Window {
    const now = this.clock.nowS();
    const to = q.to ?? now;
    const from = q.from ?? to - RANGES[q.range ?? '24h'];
    if (from >= to) throw badRequest('from must be before to', 'from');
    if (to - from > MAX_WINDOW_S) throw badRequest('the window may span at most 400 days', 'from');
    return { from, to, live: q.to === undefined };
  }

  /**
   * A container or node the cluster knows but the collector has not sampled yet (just created)
   * has an empty series; one the cluster does not know is a 404.
   */
  async series(
    kind: SubjectKind,
    id: number | string,
    metric: ChartMetric,
    w: Window,
  ): Promise<AnalyticsSeriesDto> {
    const recorded =
      this.repository.lastTime(kind, id) !== undefined || this.hasHourly(kind, id, w);
    if (!recorded && !(await this.knownToCluster(kind, id))) {
      const what = kind === 'ct' ? `Container ${id}` : `Node ${id}`;
      throw notFound(`${what} is not part of this cluster and has no recorded metrics`);
    }
    const plan = planSeries(
      w.from,
      w.to,
      this.clock.nowS(),
      this.config.retentionDays,
      this.config.collectIntervalS,
    );
    const spec = METRICS[metric];
    const rows = this.repository.series({
      kind,
      id,
      source: plan.source,
      bucket: plan.bucket,
      from: w.from,
      to: this.completeBucketsEnd(w, plan.bucket),
      metrics: spec.keys.map((k) => k.key),
      capacity: spec.capacity,
    });
    const capacities = rows.map((r) => r[r.length - 1]).filter((v): v is number => v !== null);
    return {
      subject: kind === 'ct' ? 'container' : 'node',
      id: String(id),
      metric,
      from: w.from,
      to: w.to,
      step: plan.bucket,
      source: plan.source,
      capacity: capacities.length > 0 ? Math.max(...capacities) : null,
      t: rows.map((r) => r[0] as number),
      series: spec.keys.map((k, i) => ({
        key: k.key,
        unit: k.unit,
        min: rows.map((r) => r[1 + i * 3]),
        avg: rows.map((r) => r[2 + i * 3]),
        max: rows.map((r) => r[3 + i * 3]),
      })),
    };
  }

  /**
   * A live chart ends at its last complete bucket when a bucket spans several collect intervals:
   * the open one holds a few samples and would jump on every refresh. Explicit windows are served
   * as asked.
   */
  private completeBucketsEnd(w: Window, bucket: number): number {
    if (!w.live || bucket <= this.config.collectIntervalS) return w.to;
    return Math.max(w.from + 1, Math.floor(w.to / bucket) * bucket);
  }

  /** The same series as CSV: one line per point, min/avg/max columns per data source. */
  csv(series: AnalyticsSeriesDto): string {
    const header = ['time', 'epoch', ...series.series.flatMap((s) => aggregateColumns(s.key))];
    const lines = series.t.map((t, i) => {
      const values = series.series.flatMap((s) => [s.min[i], s.avg[i], s.max[i]].map(csvNumber));
      return [new Date(t * 1000).toISOString(), String(t), ...values].join(',');
    });
    return [header.join(','), ...lines].join('\n') + '\n';
  }

  /** Hourly rows may outlive the raw and 5-minute data of a container deleted long ago. */
  private async knownToCluster(kind: SubjectKind, id: number | string): Promise<boolean> {
    const { resources } = await this.cluster.snapshot();
    return kind === 'ct'
      ? resources.guests.some((g) => g.type === 'lxc' && g.vmid === id)
      : resources.nodes.some((n) => n.node === id);
  }

  private hasHourly(kind: SubjectKind, id: number | string, w: Window): boolean {
    const rows = this.repository.series({
      kind,
      id,
      source: '1h',
      bucket: 86_400 * 400,
      from: w.from,
      to: w.to,
      metrics: ['cpu'],
      capacity: null,
    });
    return rows.length > 0;
  }
}

const aggregateColumns = (key: string): string[] => [`${key}_min`, `${key}_avg`, `${key}_max`];

function csvNumber(v: number | null): string {
  if (v === null) return '';
  return Number.isInteger(v) ? String(v) : v.toPrecision(8).replace(/\.?0+$/, '');
}
