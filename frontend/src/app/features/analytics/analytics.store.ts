import { Injectable, computed, inject, signal } from '@angular/core';
import { Observable, firstValueFrom, forkJoin, map, of } from 'rxjs';
import { AnalyticsSeriesDto, AnalyticsSummaryDto, ContainerListDto } from '../../api/models';
import { AnalyticsService, ContainersService } from '../../api/services';
import { ClusterStore } from '../../core/cluster/cluster.store';
import { describeApiError } from '../../core/http/api-error';
import { startPolling } from '../../core/store/poller';
import { RemoteResource } from '../../core/store/remote-resource';
import { Aggregate, TREND_POLL_MS } from '../../shared/charts/trend';
import {
  Metric,
  Range,
  Subject,
  SubjectSeries,
  TimeWindow,
  compareLines,
  csvFileName,
  keysOf,
  seriesStats,
  subjectId,
} from './analytics-query';

/** The analytics page: what to compare, over which window, and the answers. */
@Injectable()
export class AnalyticsStore {
  private readonly api = inject(AnalyticsService);
  private readonly containersApi = inject(ContainersService);
  private readonly cluster = inject(ClusterStore);
  private readonly results = new RemoteResource<SubjectSeries[]>();
  private readonly summaryResource = new RemoteResource<AnalyticsSummaryDto>();
  private readonly containerList = new RemoteResource<ContainerListDto>();

  readonly metric = signal<Metric>('cpu');
  readonly key = signal('cpu');
  readonly range = signal<Range>('24h');
  /** Set by brushing the chart: overrides the range until cleared. */
  readonly window = signal<TimeWindow | null>(null);
  readonly aggregate = signal<Aggregate>('avg');
  readonly selectedVmids = signal<readonly number[]>([]);
  readonly selectedNodes = signal<readonly string[]>([]);

  readonly containers = computed(() =>
    [...(this.containerList.value()?.items ?? [])]
      .filter((ct) => !ct.template)
      .sort((a, b) => a.vmid - b.vmid),
  );
  readonly nodes = computed(() => this.cluster.nodes().map((n) => n.node));
  readonly subjects = computed<Subject[]>(() => [
    ...this.selectedNodes().map((node) => ({ kind: 'node' as const, node })),
    ...this.selectedVmids().map((vmid) => ({
      kind: 'container' as const,
      vmid,
      name: this.containers().find((ct) => ct.vmid === vmid)?.name ?? `CT ${vmid}`,
    })),
  ]);
  readonly lines = computed(() =>
    compareLines(this.results.value() ?? [], this.key(), this.aggregate()),
  );
  readonly stats = computed(() => seriesStats(this.results.value() ?? [], this.key()));
  readonly first = computed<AnalyticsSeriesDto | undefined>(
    () => this.results.value()?.[0]?.series,
  );
  readonly loading = this.results.loading;
  readonly error = this.results.error;
  readonly summary = this.summaryResource.value;
  readonly summaryError = this.summaryResource.error;
  readonly pickerError = this.containerList.error;
  readonly csvBusy = signal<string | null>(null);
  readonly csvError = signal<string | null>(null);

  /** Loads the pickers, starts with every node selected and refreshes a live range. */
  connect(): () => void {
    void this.start();
    return startPolling(() => {
      if (this.window()) return;
      void this.reload();
      void this.loadSummary();
    }, TREND_POLL_MS);
  }

  setMetric(metric: Metric): void {
    if (metric === this.metric()) return;
    this.metric.set(metric);
    this.key.set(keysOf(metric)[0]);
    void this.reload();
  }

  setRange(range: Range): void {
    this.range.set(range);
    this.window.set(null);
    void this.reload();
    void this.loadSummary();
  }

  zoomTo(window: TimeWindow): void {
    this.window.set(window);
    void this.reload();
  }

  clearWindow(): void {
    this.setRange(this.range());
  }

  select(vmids: readonly number[], nodes: readonly string[]): void {
    this.selectedVmids.set(vmids);
    this.selectedNodes.set(nodes);
    void this.reload();
  }

  reload(): Promise<boolean> {
    const subjects = this.subjects();
    return this.results.load(() =>
      subjects.length
        ? forkJoin(
            subjects.map((subject) =>
              this.fetch(subject).pipe(map((series) => ({ subject, series }))),
            ),
          )
        : of([]),
    );
  }

  async downloadCsv(subject: Subject): Promise<void> {
    this.csvBusy.set(subjectId(subject));
    this.csvError.set(null);
    const query = { ...this.when(), metric: this.metric() };
    try {
      const csv = await firstValueFrom(
        subject.kind === 'container'
          ? this.api.exportContainerSeriesCsv({ vmid: subject.vmid, ...query })
          : this.api.exportNodeSeriesCsv({ node: subject.node, ...query }),
      );
      saveCsv(csv, csvFileName(subject, this.metric(), this.window() ?? this.range()));
    } catch (err) {
      this.csvError.set(describeApiError(err));
    } finally {
      this.csvBusy.set(null);
    }
  }

  private async start(): Promise<void> {
    await Promise.all([
      this.cluster.refresh(),
      this.containerList.load(() => this.containersApi.listContainers()),
      this.loadSummary(),
    ]);
    if (!this.subjects().length) this.selectedNodes.set(this.nodes());
    await this.reload();
  }

  private loadSummary(): Promise<boolean> {
    return this.summaryResource.load(() =>
      this.api.getAnalyticsSummary({ range: this.range(), limit: 5 }),
    );
  }

  private fetch(subject: Subject): Observable<AnalyticsSeriesDto> {
    const query = { ...this.when(), metric: this.metric() };
    return subject.kind === 'container'
      ? this.api.getContainerSeries({ vmid: subject.vmid, ...query })
      : this.api.getNodeSeries({ node: subject.node, ...query });
  }

  private when(): { range: Range } | TimeWindow {
    return this.window() ?? { range: this.range() };
  }
}

function saveCsv(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
