import { Injectable, computed, inject, signal } from '@angular/core';
import { AnalyticsService } from '../../../api/services';
import { startPolling } from '../../../core/store/poller';
import { TREND_POLL_MS, TrendSet } from '../../../shared/charts/trend';

/** CPU, memory and network of one container over the last hour, for its sparklines. */
@Injectable()
export class ContainerTrendsStore {
  private readonly api = inject(AnalyticsService);
  private readonly set = new TrendSet();
  private readonly vmid = signal<number | null>(null);

  readonly cpu = computed(() => this.set.trend('cpu', 'cpu'));
  readonly memory = computed(() => this.set.trend('memory', 'mem'));
  readonly netin = computed(() => this.set.trend('network', 'netin'));
  readonly netout = computed(() => this.set.trend('network', 'netout'));
  readonly error = this.set.error;

  connect(vmid: number): () => void {
    this.vmid.set(vmid);
    this.set.reset();
    void this.refresh();
    return startPolling(() => void this.refresh(), TREND_POLL_MS);
  }

  refresh(): Promise<boolean> {
    const vmid = this.vmid();
    if (vmid === null) return Promise.resolve(false);
    const series = (metric: 'cpu' | 'memory' | 'network') =>
      this.api.getContainerSeries({ vmid, range: '1h', metric });
    return this.set.load({
      cpu: series('cpu'),
      memory: series('memory'),
      network: series('network'),
    });
  }
}
