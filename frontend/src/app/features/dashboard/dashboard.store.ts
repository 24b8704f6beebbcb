import { Injectable, computed, effect, inject, untracked } from '@angular/core';
import { DashboardDto } from '../../api/models';
import { DashboardService } from '../../api/services';
import { ClusterStore } from '../../core/cluster/cluster.store';
import { startPolling } from '../../core/store/poller';
import { RemoteResource } from '../../core/store/remote-resource';

export const DASHBOARD_POLL_MS = 15_000;
export const DASHBOARD_STALE_MS = 60_000;

/**
 * The dashboard's one aggregated request, refreshed in the background and scoped to the node the
 * top-bar picker chose ('' = the whole cluster), as the container list is.
 */
@Injectable()
export class DashboardStore {
  private readonly api = inject(DashboardService);
  private readonly resource = new RemoteResource<DashboardDto>();
  readonly node = inject(ClusterStore).selectedNode;

  readonly data = this.resource.value;
  readonly loading = this.resource.initialLoading;
  readonly error = this.resource.error;
  /** The server's own timestamp: it may answer from cache when Proxmox is slow or down. */
  readonly fetchedAt = computed(() => this.data()?.fetchedAt ?? null);
  readonly stale = computed(() => (this.data()?.stale ?? false) || !!this.error());
  readonly offlineNodes = computed(() =>
    (this.data()?.nodes ?? []).filter((n) => n.status !== 'online').map((n) => n.node),
  );

  constructor() {
    let first = true;
    // a new pick reloads at once (the first run is connect()'s own load)
    effect(() => {
      this.node();
      if (!first) untracked(() => void this.refresh());
      first = false;
    });
  }

  connect(): () => void {
    void this.refresh();
    return startPolling(() => void this.refresh(), DASHBOARD_POLL_MS);
  }

  refresh(): Promise<boolean> {
    const node = this.node();
    return this.resource.load(() => this.api.getDashboard(node ? { node } : undefined));
  }
}
