import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SampleRow } from '../analytics/analytics.types.js';
import { LiveMetricsService } from '../analytics/live-metrics.service.js';

const PREFIX = 'proxicloud_';

/** Gauges read from each sample: metric name suffix, help text, sample column. */
const SAMPLE_GAUGES: [string, string, keyof SampleRow][] = [
  ['up', '1 when running (container) or online (node), else 0', 'up'],
  ['cpu_ratio', 'CPU use as a fraction of the allotted cores', 'cpu'],
  ['cpu_cores', 'Cores allotted', 'maxcpu'],
  ['memory_bytes', 'Memory in use', 'mem'],
  ['memory_max_bytes', 'Memory limit', 'maxmem'],
  ['disk_bytes', 'Root disk used', 'disk'],
  ['disk_max_bytes', 'Root disk size', 'maxdisk'],
  ['network_receive_bytes_per_second', 'Network receive rate', 'netin'],
  ['network_transmit_bytes_per_second', 'Network transmit rate', 'netout'],
  ['disk_read_bytes_per_second', 'Disk read rate', 'diskread'],
  ['disk_write_bytes_per_second', 'Disk write rate', 'diskwrite'],
];

/**
 * The console's Prometheus registry. Container and node gauges are filled at scrape time from the
 * collector's last cycle, so a scrape never reaches Proxmox and series of deleted containers vanish.
 */
interface RequestSeries {
  count: Counter.Internal;
  time: Histogram.Internal<'method' | 'route' | 'status'>;
}

@Injectable()
export class PrometheusService {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** labelled children per method, status and route: bounded like the routes themselves */
  private readonly requestSeries = new Map<string, RequestSeries>();

  constructor(private readonly live: LiveMetricsService) {
    collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
    for (const [suffix, help, column] of SAMPLE_GAUGES) {
      this.sampleGauge(`container_${suffix}`, help, ['vmid', 'name', 'node'], () =>
        this.live.containers.map((c) => [
          { vmid: String(c.vmid), name: c.name, node: c.node },
          c.sample[column],
        ]),
      );
      this.sampleGauge(`node_${suffix}`, help, ['node'], () =>
        this.live.nodes.map((n) => [{ node: n.node }, n.sample[column]]),
      );
    }
    this.collectorMetrics();
    this.httpRequests = new Counter({
      name: `${PREFIX}http_requests_total`,
      help: 'HTTP requests answered by the console',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.httpDuration = new Histogram({
      name: `${PREFIX}http_request_duration_seconds`,
      help: 'Time to answer an HTTP request',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
  }

  /** One answered HTTP request, labelled by its route pattern (/api/containers/:vmid). */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let series = this.requestSeries.get(key);
    if (!series) {
      const labels = { method, route, status: String(status) };
      series = { count: this.httpRequests.labels(labels), time: this.httpDuration.labels(labels) };
      this.requestSeries.set(key, series);
    }
    series.count.inc();
    series.time.observe(seconds);
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private sampleGauge<L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    values: () => [Record<L, string>, SampleRow[keyof SampleRow]][],
  ): void {
    const gauge: Gauge<L> = new Gauge({
      name: `${PREFIX}${name}`,
      help,
      labelNames,
      registers: [this.registry],
      collect: () => {
        gauge.reset();
        for (const [labels, value] of values()) {
          if (typeof value === 'number') gauge.set(labels as never, value);
        }
      },
    });
  }

  private collectorMetrics(): void {
    const health = this.live.health;
    const gauge = (name: string, help: string, value: () => number | undefined): void => {
      const g: Gauge = new Gauge({
        name: `${PREFIX}collector_${name}`,
        help,
        registers: [this.registry],
        collect: () => {
          const v = value();
          if (v === undefined) g.reset();
          else g.set(v);
        },
      });
    };
    gauge(
      'last_success_timestamp_seconds',
      'End of the last successful cycle',
      () => health.lastSuccess,
    );
    gauge('last_duration_seconds', 'Duration of the last cycle', () =>
      health.lastDurationMs === undefined ? undefined : health.lastDurationMs / 1000,
    );
    const counter = (name: string, help: string, value: () => number): void => {
      const c: Counter = new Counter({
        name: `${PREFIX}collector_${name}`,
        help,
        registers: [this.registry],
        // mirrors the collector's own count, which only grows while the process lives
        collect: () => {
          c.reset();
          c.inc(value());
        },
      });
    };
    counter('cycles_total', 'Cycles run since start', () => health.cycles);
    counter('errors_total', 'Cycles that failed since start', () => health.errors);
    counter(
      'skipped_total',
      'Cycles skipped because the previous one still ran',
      () => health.skipped,
    );
    gauge('last_samples', 'Rows written by the last successful cycle', () => health.lastSamples);
  }
}
