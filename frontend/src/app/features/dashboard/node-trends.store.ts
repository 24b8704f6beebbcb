import { Injectable, computed, inject, signal } from '@angular/core';
import { AnalyticsService } from '../../api/services';
import { startPolling } from '../../core/store/poller';
import { TREND_POLL_MS, TrendSet } from '../../shared/charts/trend';

/** CPU and memory of one node over the last hour, for the dashboard sparklines. */
@Injectable()
export class NodeTrendsStore {
  private readonly api = inject(AnalyticsService);
  private readonly set = new TrendSet();
  private readonly node = signal<string | null>(null);

  readonly cpu = computed(() => this.set.trend('cpu', 'cpu'));
  readonly memory = computed(() => this.set.trend('memory', 'mem'));
  readonly error = this.set.error;

  connect(node: string): () => void {
    this.node.set(node);
    this.set.reset();
    void this.refresh();
    return startPolling(() => void this.refresh(), TREND_POLL_MS);
  }

  refresh(): Promise<boolean> {
    const node = this.node();
    if (node === null) return Promise.resolve(false);
    return this.set.load({
      cpu: this.api.getNodeSeries({ node, range: '1h', metric: 'cpu' }),
      memory: this.api.getNodeSeries({ node, range: '1h', metric: 'memory' }),
    });
  }
}
