import { Injectable, computed, inject, signal } from '@angular/core';
import { NodeListDto } from '../../api/models';
import { NodesService } from '../../api/services';
import { startPolling } from '../store/poller';
import { RemoteResource } from '../store/remote-resource';

const NODE_KEY = 'pc.node';
export const NODES_POLL_MS = 30_000;

/** The cluster's nodes and the node the user chose to focus on ('' means the whole cluster). */
@Injectable({ providedIn: 'root' })
export class ClusterStore {
  private readonly api = inject(NodesService);
  private readonly resource = new RemoteResource<NodeListDto>();
  private stopPolling: (() => void) | null = null;

  readonly nodes = computed(() => this.resource.value()?.items ?? []);
  readonly loading = this.resource.initialLoading;
  readonly error = this.resource.error;
  /** When Proxmox last answered for this list (the server may answer from its cache). */
  readonly fetchedAt = computed(() => this.resource.value()?.fetchedAt ?? null);
  readonly stale = computed(() => this.resource.value()?.stale ?? false);
  readonly selectedNode = signal(readSelectedNode());
  readonly offlineNodes = computed(() =>
    this.nodes()
      .filter((n) => n.status !== 'online')
      .map((n) => n.node),
  );

  /** Starts loading and keeps the node list fresh; safe to call more than once. */
  connect(): void {
    if (this.stopPolling) return;
    void this.refresh();
    this.stopPolling = startPolling(() => void this.refresh(), NODES_POLL_MS);
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
