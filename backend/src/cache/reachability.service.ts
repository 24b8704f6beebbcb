import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { type Observable, Subject } from 'rxjs';
import { ProxmoxError } from '../proxmox/proxmox.errors.js';
import { connectionFailure, type OfflineReason, unreachableNode } from './proxmox-failure.js';

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
  offlineNodes: string[];
}

/**
 * Whether the console can talk to Proxmox, learned from every call that goes through the cache,
 * the collector and the recovery probe: a connection failure makes it offline, a node answering
 * 59x through pveproxy makes it degraded, any success brings it back.
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
  };
  private readonly changes = new Subject<ConnectionStatus>();

  current(): ConnectionStatus {
    return { ...this.status, offlineNodes: [...this.status.offlineNodes] };
  }

  /** Emits the new status on every change of state, reason or offline nodes (not on each contact). */
  get changes$(): Observable<ConnectionStatus> {
    return this.changes.asObservable();
  }

  isOffline(): boolean {
    return this.status.state === 'offline';
  }

  /** Runs a Proxmox call and learns from its outcome; the outcome itself is passed on unchanged. */
  async track<T>(call: Promise<T>): Promise<T> {
    try {
      const value = await call;
      this.recordSuccess();
      return value;
    } catch (error) {
      this.recordFailure(error);
      throw error;
    }
  }

  /** @param offlineNodes the nodes /cluster/resources reports offline; omitted: keep what we know */
  recordSuccess(offlineNodes?: string[]): void {
    const nodes = offlineNodes ?? this.status.offlineNodes;
    this.status.lastContact = Date.now();
    if (nodes.length) {
      this.update('degraded', 'node-offline', null, nodesMessage(nodes), nodes);
    } else {
      this.update('online', null, null, 'Connected to Proxmox', []);
    }
  }

  recordFailure(error: unknown): void {
    const node = unreachableNode(error);
    if (node) {
      this.status.lastContact = Date.now();
      const nodes = [...new Set([...this.status.offlineNodes, node])].sort();
      this.update('degraded', 'node-offline', null, nodesMessage(nodes), nodes);
      return;
    }
    const failure = connectionFailure(error);
    if (!failure) return;
    const detail = failure.details.reason ?? null;
    this.update('offline', failure.code as OfflineReason, detail, offlineMessage(failure), []);
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
    this.changes.complete();
  }

  private update(
    state: ConnectionState,
    reason: ConnectionStatus['reason'],
    detail: string | null,
    message: string,
    offlineNodes: string[],
  ): void {
    const s = this.status;
    const changed =
      s.state !== state ||
      s.reason !== reason ||
      s.detail !== detail ||
      s.offlineNodes.join() !== offlineNodes.join();
    if (!changed) return;
    const since = s.state === state ? s.since : Date.now();
    this.status = {
      state,
      since,
      lastContact: s.lastContact,
      reason,
      detail,
      message,
      offlineNodes,
    };
    this.changes.next(this.current());
  }
}

function nodesMessage(nodes: string[]): string {
  const list = nodes.join(', ');
  return `Node${nodes.length > 1 ? 's' : ''} ${list} offline: their containers show as unknown`;
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
