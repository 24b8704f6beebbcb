import { Injectable, computed, inject } from '@angular/core';
import { ConnectionStatusDto } from '../../api/models';
import { StatusService } from '../../api/services';
import { LiveEvents } from '../events/live-events';
import { startPolling } from '../store/poller';
import { RemoteResource } from '../store/remote-resource';

export const CONNECTION_POLL_MS = 15_000;

export interface ConnectionBanner {
  readonly tone: 'warning' | 'error';
  readonly text: string;
}

/**
 * The words for the banner above every page: nothing while all is well, otherwise what is wrong
 * and since when, so cached data never passes for live data.
 */
export function connectionBanner(
  status: ConnectionStatusDto | undefined,
  consoleError: string | null,
): ConnectionBanner | null {
  if (consoleError)
    return { tone: 'error', text: `The console server is not answering: ${consoleError}` };
  if (!status) return null;
  // the console answers through another node than the preferred one: say which, and why
  if (status.state === 'online')
    return status.failedOver ? { tone: 'warning', text: status.message } : null;
  if (status.state === 'degraded') {
    const nodes = status.offlineNodes.join(', ');
    return { tone: 'warning', text: `${status.message}${nodes ? ` (offline: ${nodes})` : ''}` };
  }
  const detail = status.detail ? ` (${status.detail})` : '';
  const why = /^Proxmox is unreachable\.?$/.test(status.message)
    ? ''
    : ` ${status.message}${detail}.`;
  return {
    tone: 'error',
    text: `Proxmox is unreachable since ${clockTime(status.since)} — changes are paused.${why} Showing cached data until Proxmox answers again.`,
  };
}

/**
 * A node's status as the user should read it. The node list is the last one Proxmox sent: while
 * Proxmox is unreachable it still says 'online', so the node shows 'unknown'; a node the console
 * cannot reach although the cluster lists it online shows 'offline'.
 */
export function shownNodeStatus(
  node: { node: string; status: string },
  status: ConnectionStatusDto | undefined,
): string {
  if (status?.state === 'offline') return 'unknown';
  if (status?.unreachableNodes.includes(node.node)) return 'offline';
  return node.status;
}

/** "14:02" in the browser's time zone, as a user reads a wall clock. */
export function clockTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return 'a moment ago';
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

/**
 * Whether the console can talk to Proxmox right now, for the whole app: from the event stream
 * while it is healthy, polled while it is not.
 */
@Injectable({ providedIn: 'root' })
export class ConnectionStore {
  private readonly api = inject(StatusService);
  private readonly live = inject(LiveEvents);
  private readonly resource = new RemoteResource<ConnectionStatusDto>();
  private stopPolling: (() => void) | null = null;

  readonly status = computed(() => this.live.status() ?? this.resource.value());
  /** A failed poll says the console server is away; a healthy stream says it is not. */
  private readonly consoleError = computed(() =>
    this.live.healthy() ? null : this.resource.error(),
  );
  readonly demo = computed(() => this.status()?.mode === 'demo');
  /** Optimistic until told otherwise: the server refuses actions itself when it cannot act. */
  readonly writable = computed(() => this.status()?.writable ?? true);
  readonly lastContact = computed(() => this.status()?.lastContact ?? null);
  /** the Proxmox node URL the console talks to, and whether it is the preferred one */
  readonly endpoint = computed(() => {
    const s = this.status();
    return s?.endpoint ? { url: s.endpoint, urls: s.endpoints, failedOver: s.failedOver } : null;
  });
  readonly banner = computed(() => connectionBanner(this.status(), this.consoleError()));

  /** The status a node chip shows (see shownNodeStatus); reads the connection as a signal. */
  nodeStatus(node: { node: string; status: string }): string {
    return shownNodeStatus(node, this.status());
  }

  /** Opens the event stream (again after a sign-in) and polls while it is not healthy. */
  connect(): void {
    this.live.connect();
    if (this.stopPolling) return;
    void this.refresh();
    this.stopPolling = startPolling(
      () => void this.refresh(),
      CONNECTION_POLL_MS,
      undefined,
      this.live,
    );
  }

  refresh(): Promise<boolean> {
    return this.resource.load(() => this.api.getConnectionStatus());
  }
}
