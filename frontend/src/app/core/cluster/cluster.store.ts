import { Injectable, computed, inject, signal } from '@angular/core';
import { NodeListDto } from '../../api/models';
import { NodesService } from '../../api/services';
import { LiveEvents } from '../events/live-events';
import { newest } from '../store/newest';
import { startPolling } from '../store/poller';
import { RemoteResource } from '../store/remote-resource';

const NODE_KEY = 'pc.node';
export const NODES_POLL_MS = 30_000;

/**
 * The cluster's nodes and the node the user chose to focus on ('' means the whole cluster). The
 * list comes from the event stream while it is healthy and is polled while it is not.
 */
@Injectable({ providedIn: 'root' })
export class ClusterStore {
  private readonly api = inject(NodesService);
  private readonly live = inject(LiveEvents);
  private readonly resource = new RemoteResource<NodeListDto>();
  private stopPolling: (() => void) | null = null;
  private readonly list = computed(() => newest(this.live.nodes(), this.resource.value()));

  readonly nodes = computed(() => this.list()?.items ?? []);
  readonly loading = computed(() => this.resource.initialLoading() && !this.live.nodes());
  readonly error = computed(() => (this.live.nodes() ? null : this.resource.error()));
  /** When Proxmox last answered for this list (the server may answer from its cache). */
  readonly fetchedAt = computed(() => this.list()?.fetchedAt ?? null);
  readonly stale = computed(() => this.list()?.stale ?? false);
  readonly selectedNode = signal(readSelectedNode());
  readonly offlineNodes = computed(() =>
    this.nodes()
      .filter((n) => n.status !== 'online')
      .map((n) => n.node),
  );

  /** Starts loading and keeps the node list fresh; safe to call more than once. */
  connect(): void {
    this.live.connect();
    if (this.stopPolling) return;
    if (!this.live.nodes()) void this.refresh();
    this.stopPolling = startPolling(() => void this.refresh(), NODES_POLL_MS, undefined, this.live);
  }

  refresh(): Promise<boolean> {
    return this.resource.load(() => this.api.listNodes());
  }

  selectNode(node: string): void {
    this.selectedNode.set(node);
    try {
      globalThis.localStorage?.setItem(NODE_KEY, node);
    } catch {
      // Storage may be refused; the choice then lasts for this page only.
    }
  }
}

function readSelectedNode(): string {
  try {
    return globalThis.localStorage?.getItem(NODE_KEY) ?? '';
  } catch {
    return '';
  }
}
