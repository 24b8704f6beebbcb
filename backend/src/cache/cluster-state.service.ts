import { Injectable } from '@nestjs/common';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import type { ClusterResources } from '../proxmox/proxmox.types.js';

/** How long one /cluster/resources answer serves reads; pvestatd itself only updates every 10 s. */
export const CLUSTER_STATE_MAX_AGE_MS = 2_000;

export type CacheStatus = 'HIT' | 'MISS' | 'STALE';

export interface ClusterSnapshot {
  resources: ClusterResources;
  /** epoch ms of the Proxmox answer */
  fetchedAt: number;
  /** true when Proxmox could not be reached and this is the last known state */
  stale: boolean;
  /** MISS: fetched for this read; HIT: a recent answer reused; STALE: last known state */
  cache: CacheStatus;
}

/**
 * The cluster-wide state, read with ONE /cluster/resources request and shared by every feature.
 * Concurrent readers share one request in flight; answers younger than maxAgeMs are reused.
 */
@Injectable()
export class ClusterStateService {
  private last?: ClusterSnapshot;
  private inFlight?: Promise<ClusterSnapshot>;

  constructor(private readonly proxmox: ProxmoxClient) {}

  async snapshot(maxAgeMs = CLUSTER_STATE_MAX_AGE_MS): Promise<ClusterSnapshot> {
    if (this.last && Date.now() - this.last.fetchedAt <= maxAgeMs) return { ...this.last, cache: 'HIT' };
    this.inFlight ??= this.fetch().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** Forget the cached answer, e.g. after a task changed the cluster. */
  invalidate(): void {
    this.last = undefined;
  }

  private async fetch(): Promise<ClusterSnapshot> {
    const resources = await this.proxmox.getClusterResources();
    this.last = { resources, fetchedAt: Date.now(), stale: false, cache: 'MISS' };
    return this.last;
  }
}
