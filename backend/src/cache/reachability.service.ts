import { Injectable, type OnModuleDestroy, Optional } from '@nestjs/common';
import { type Observable, Subject } from 'rxjs';
import { type CallOutcome, ProxmoxClient } from '../proxmox/proxmox.client.js';
import { ProxmoxError } from '../proxmox/proxmox.errors.js';
import {
  answeredByProxmox,
  connectionFailure,
  type OfflineReason,
  unreachableNode,
} from './proxmox-failure.js';

export type ConnectionState = 'online' | 'degraded' | 'offline';

export interface ConnectionStatus {
  state: ConnectionState;
  /** epoch ms when this state began */
  since: number;
  /** epoch ms of the last answer from Proxmox; null when there was none yet */
  lastContact: number | null;
  reason: OfflineReason | 'node-offline' | null;
  /** finer cause, e.g. fingerprint-mismatch for tls */
  detail: string | null;
  message: string;
  /** every node that is away: offline in the cluster view, or not answering calls */
  offlineNodes: string[];
  /** of those, the nodes the cluster view shows online whose calls time out or answer 59x */
  unreachableNodes: string[];
  /** the node URL the console talks to now; null before the client exists */
  endpoint: string | null;
  /** every configured node URL, the preferred first (PROXICLOUD_PVE_URL) */
  endpoints: string[];
}

/**
 * Whether the console can talk to Proxmox, learned from EVERY call of the Proxmox client (it
 * observes the HTTP layer) plus the node list of each /cluster/resources answer.
 *
 * The rule: a failure of the API endpoint itself (no connection, TLS, auth, a timeout of a
 * cluster-wide call) makes the console offline. A call about one node that pveproxy answers with
 * 59x, or that times out, makes only THAT node unreachable (degraded): pveproxy forwards node
 * calls (PVE::APIServer::AnyEvent::proxy_request) and a stuck node there must never take the
 * console offline. A node is reachable again when a call about it succeeds.
 */
@Injectable()
export class ReachabilityService implements OnModuleDestroy {
  private status: ConnectionStatus = {
    state: 'online',
    since: Date.now(),
    lastContact: null,
    reason: null,
    detail: null,
    message: 'No Proxmox call has failed',
    offlineNodes: [],
    unreachableNodes: [],
    endpoint: null,
    endpoints: [],
  };
  private readonly changes = new Subject<ConnectionStatus>();
  /** the last failure of the endpoint itself; undefined while Proxmox answers */
  private endpointFailure?: ProxmoxError;
  /** nodes the last /cluster/resources answer shows not online */
  private viewOffline: string[] = [];
  /** nodes whose calls failed (59x or timeout) since their last answer */
  private readonly unreachable = new Set<string>();
  private readonly unobserve?: () => void;

  constructor(@Optional() private readonly proxmox?: ProxmoxClient) {
    this.unobserve = proxmox?.observeCalls((outcome) => this.learn(outcome));
    const endpoint = proxmox?.endpoint();
    if (endpoint) {
      this.status.endpoint = endpoint.url;
      this.status.endpoints = endpoint.urls;
    }
  }

  current(): ConnectionStatus {
    const s = this.status;
    return {
      ...s,
      offlineNodes: [...s.offlineNodes],
      unreachableNodes: [...s.unreachableNodes],
      endpoints: [...s.endpoints],
    };
  }

  /** Emits the new status on every change of state, reason or offline nodes (not on each contact). */
  get changes$(): Observable<ConnectionStatus> {
    return this.changes.asObservable();
  }

  isOffline(): boolean {
    return this.status.state === 'offline';
  }

  /** True while calls about this node fail (59x or timeout) although the cluster may list it. */
  isNodeUnreachable(node: string): boolean {
    return this.unreachable.has(node);
  }

  /** Learns from one finished Proxmox call (the client reports each one). */
  learn(outcome: Pick<CallOutcome, 'node' | 'error'>): void {
    const { node, error } = outcome;
    if (error === undefined) {
      this.contact();
      if (node) this.unreachable.delete(node);
    } else {
      const away = unreachableNode(error, node);
      if (away) {
        // pveproxy answered (59x) or only that node is slow: the endpoint is not at fault
        if (answeredByProxmox(error)) this.contact();
        this.unreachable.add(away);
      } else if (connectionFailure(error, node)) {
        this.endpointFailure = connectionFailure(error, node);
      } else if (answeredByProxmox(error)) {
        this.contact();
      }
    }
    this.recompute();
  }

  /** A /cluster/resources answer: Proxmox answered, and these nodes are not online in it. */
  recordSuccess(offlineNodes?: string[]): void {
    if (offlineNodes) {
      this.viewOffline = [...offlineNodes].sort();
      // the cluster view explains these; when they come back, it says so too
      for (const node of offlineNodes) this.unreachable.delete(node);
    }
    this.contact();
    this.recompute();
  }

  recordFailure(error: unknown): void {
    this.learn({ error, node: error instanceof ProxmoxError ? error.details.node : undefined });
  }

  /** The last contact known from a previous run (the persisted cache), until a call succeeds. */
  noteLastContact(at: number): void {
    if (at > (this.status.lastContact ?? 0)) this.status.lastContact = at;
  }

  /**
   * Writes are refused up front while Proxmox is offline: a write must never be left half-sent or
   * queued, and failing fast tells the user now instead of after a timeout. The error carries the
   * reason to the exception filter (503 with reason unreachable, tls or auth).
   */
  assertWritable(): void {
    if (this.isOffline()) throw this.offlineError('writes are refused until Proxmox answers again');
  }

  /**
   * A write to a node whose calls time out would wait for the node timeout and most likely fail
   * the same way: refused at once (503 unreachable naming the node); other nodes are unaffected.
   */
  assertNodeWritable(node: string): void {
    this.assertWritable();
    if (this.isNodeUnreachable(node)) {
      throw this.nodeError(node, 'writes to it are refused until it answers again');
    }
  }

  /** What a read about an unreachable node answers when nothing is cached, without asking. */
  nodeError(node: string, consequence = 'nothing is cached for this read'): ProxmoxError {
    return new ProxmoxError(
      'unreachable',
      `node '${node}' is not answering through the cluster; ${consequence}`,
      { node },
    );
  }

  /**
   * What a read with nothing cached answers while offline, without asking Proxmox: the recovery
   * probe already retries once per cycle, and an unreachable server would cost each such read the
   * client's timeout and retries.
   */
  offlineError(consequence = 'nothing is cached for this read'): ProxmoxError {
    const s = this.status;
    const code = s.reason === 'tls' || s.reason === 'auth' ? s.reason : 'unreachable';
    const since = new Date(s.since).toISOString();
    return new ProxmoxError(code, `${s.message} (offline since ${since}); ${consequence}`, {
      reason: s.detail ?? undefined,
    });
  }

  onModuleDestroy(): void {
    this.unobserve?.();
    this.changes.complete();
  }

  private contact(): void {
    this.status.lastContact = Date.now();
    this.endpointFailure = undefined;
  }

  private recompute(): void {
    const failure = this.endpointFailure;
    if (failure) {
      const detail = failure.details.reason ?? null;
      this.update('offline', failure.code as OfflineReason, detail, offlineMessage(failure), []);
      return;
    }
    const unreachable = [...this.unreachable].filter((n) => !this.viewOffline.includes(n)).sort();
    const nodes = [...new Set([...this.viewOffline, ...unreachable])].sort();
    if (!nodes.length) {
      this.update('online', null, null, this.connectedMessage(), []);
      return;
    }
    const message = nodesMessage(this.viewOffline, unreachable);
    this.update('degraded', 'node-offline', null, message, nodes, unreachable);
  }

  /** 'Connected to Proxmox', naming the node URL when it is not the preferred one (failover). */
  private connectedMessage(): string {
    const endpoint = this.proxmox?.endpoint();
    if (!endpoint || endpoint.preferred) return 'Connected to Proxmox';
    return (
      `Connected to Proxmox through ${endpoint.url}: the preferred ${endpoint.urls[0]} does ` +
      'not answer (the console goes back to it once it does)'
    );
  }

  private update(
    state: ConnectionState,
    reason: ConnectionStatus['reason'],
    detail: string | null,
    message: string,
    offlineNodes: string[],
    unreachableNodes: string[] = [],
  ): void {
    const s = this.status;
    const endpoint = this.proxmox?.endpoint().url ?? s.endpoint;
    const changed =
      s.endpoint !== endpoint ||
      s.state !== state ||
      s.reason !== reason ||
      s.detail !== detail ||
      s.offlineNodes.join() !== offlineNodes.join() ||
      s.unreachableNodes.join() !== unreachableNodes.join();
    if (!changed) return;
    const since = s.state === state ? s.since : Date.now();
    const lastContact = s.lastContact;
    this.status = {
      ...{ state, since, lastContact, reason, detail, message },
      ...{ offlineNodes, unreachableNodes, endpoint, endpoints: s.endpoints },
    };
    this.changes.next(this.current());
  }
}

function nodesMessage(offline: string[], unreachable: string[]): string {
  const parts: string[] = [];
  if (offline.length) {
    const s = offline.length > 1 ? 's' : '';
    parts.push(`Node${s} ${offline.join(', ')} offline: their containers show as unknown`);
  }
  if (unreachable.length) {
    const s = unreachable.length > 1 ? 's' : '';
    parts.push(
      `Node${s} ${unreachable.join(', ')} not answering (calls time out or fail): ` +
        'reads show the last known data, writes to it are refused',
    );
  }
  return parts.join('. ');
}

function offlineMessage(error: ProxmoxError): string {
  switch (error.code) {
    case 'tls':
      return error.details.reason === 'fingerprint-mismatch'
        ? `The Proxmox certificate fingerprint changed (server presents ${error.details.presentedFingerprint ?? 'none'}); update the pinned fingerprint if the change is expected`
        : `Proxmox TLS check failed: ${error.message}`;
    case 'auth':
      return 'Proxmox rejected the API token (authentication failure)';
    case 'timeout':
      return `Proxmox did not answer in time: ${error.message}`;
    default:
      return `Proxmox is unreachable: ${error.message}`;
  }
}
