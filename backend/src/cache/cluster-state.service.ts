import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type Observable, Subject } from 'rxjs';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import type { ClusterResources } from '../proxmox/proxmox.types.js';
import { CacheRepository } from './cache.repository.js';
import { canServeStale, withDeadline } from './proxmox-failure.js';
import { type CacheStatus, noteRead } from './read-context.js';
import { ReachabilityService } from './reachability.service.js';
import { WriteBehind } from './write-behind.js';

export type { CacheStatus } from './read-context.js';

/** How long one /cluster/resources answer serves reads; pvestatd itself only updates every 10 s. */
export const CLUSTER_STATE_MAX_AGE_MS = 2_000;
/** A read with a last known state waits this long for Proxmox, then answers stale. */
export const READ_DEADLINE_MS = 1_000;
/** At most one SQLite write of the cluster state per this period (the newest state wins). */
export const PERSIST_EVERY_MS = 5_000;
export const CLUSTER_CACHE_KEY = 'cluster-resources';

export interface ClusterSnapshot {
  resources: ClusterResources;
  /** epoch ms of the Proxmox answer */
  fetchedAt: number;
  /** true when Proxmox could not give a fresh answer and this is the last known state */
  stale: boolean;
  /** MISS: fetched for this read; HIT: a recent answer reused; STALE: last known state */
  cache: CacheStatus;
}

/**
 * The cluster-wide state, read with ONE /cluster/resources request and shared by every feature.
 * Concurrent readers share one request in flight; answers younger than maxAgeMs are reused. When
 * Proxmox fails or is slow, readers get the last known state (from memory, or from SQLite after a
 * restart) marked stale, while the refresh goes on in the background.
 */
@Injectable()
export class ClusterStateService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ClusterStateService.name);
  private last?: Omit<ClusterSnapshot, 'cache'>;
  private expired = false;
  private invalidations = 0;
  private inFlight?: Promise<ClusterSnapshot>;
  private inFlightSince = 0;
  private readonly writeBehind: WriteBehind;
  private readonly fresh = new Subject<ClusterResources>();

  constructor(
    private readonly proxmox: ProxmoxClient,
    private readonly reachability: ReachabilityService,
    private readonly store: CacheRepository,
  ) {
    this.writeBehind = new WriteBehind(store, PERSIST_EVERY_MS, (m) => this.logger.warn(m));
  }

  async onModuleInit(): Promise<void> {
    const stored = await this.store.get<ClusterResources>(CLUSTER_CACHE_KEY);
    if (!stored) return;
    this.last = { resources: stored.value, fetchedAt: stored.fetchedAt, stale: true };
    this.expired = true;
    this.reachability.noteLastContact(stored.fetchedAt);
  }

  /**
   * The cluster state as the last run persisted it (read from SQLite, whatever was read since), so
   * a feature can compare the first cycle of this run with what was there before a restart.
   */
  async persisted(): Promise<{ resources: ClusterResources; fetchedAt: number } | undefined> {
    const stored = await this.store.get<ClusterResources>(CLUSTER_CACHE_KEY);
    return stored && { resources: stored.value, fetchedAt: stored.fetchedAt };
  }

  onModuleDestroy(): Promise<void> {
    this.fresh.complete();
    return this.writeBehind.flush();
  }

  /** Every answer Proxmox gives to /cluster/resources, as it arrives (never a stale copy). */
  get fresh$(): Observable<ClusterResources> {
    return this.fresh.asObservable();
  }

  /**
   * The current answer when it can be reused as it is (fresh, not invalidated), without reading;
   * undefined when a read would have to ask Proxmox or fall back to the last known state. The
   * same object is returned until the next refresh, so callers may memoize on its identity.
   */
  current(
    maxAgeMs = CLUSTER_STATE_MAX_AGE_MS,
  ): Readonly<Omit<ClusterSnapshot, 'cache'>> | undefined {
    const last = this.last;
    if (!last || this.expired || last.stale || Date.now() - last.fetchedAt > maxAgeMs) return;
    return last;
  }

  async snapshot(maxAgeMs = CLUSTER_STATE_MAX_AGE_MS): Promise<ClusterSnapshot> {
    const fresh = this.current(maxAgeMs);
    if (fresh) return noted({ ...fresh, cache: 'HIT' });
    const last = this.last;
    if (!last) return noted(await this.refresh());
    // offline: the recovery probe retries once per cycle; readers do not hammer a server that
    // refuses us (a wrong token on every read would flood the Proxmox auth log)
    if (this.reachability.isOffline()) return noted(staleCopy(last));
    const refresh = this.refresh();
    try {
      const waited = Date.now() - this.inFlightSince;
      return noted(await withDeadline(refresh, READ_DEADLINE_MS - waited));
    } catch (error) {
      if (!canServeStale(error)) throw error;
      return noted(staleCopy(this.last ?? last));
    }
  }

  /**
   * For jobs that must never record an old state as new (the metric collector): a recent answer
   * or a fresh read, never the stale fallback; a Proxmox failure is thrown (and tracked). An
   * answer fetched at or before `newerThan` (epoch ms) is not reused: the collector passes the
   * one it recorded last, so no cycle records the same answer again.
   */
  async freshSnapshot(
    maxAgeMs = CLUSTER_STATE_MAX_AGE_MS,
    newerThan = 0,
  ): Promise<ClusterSnapshot> {
    const fresh = this.current(maxAgeMs);
    return fresh && fresh.fetchedAt > newerThan ? { ...fresh, cache: 'HIT' } : this.refresh();
  }

  /** Forget that the cached answer is current, e.g. after a task changed the cluster. */
  invalidate(): void {
    this.expired = true;
    this.invalidations += 1;
  }

  /** One /cluster/resources read shared by everyone asking meanwhile; failures reach the tracker. */
  refresh(): Promise<ClusterSnapshot> {
    if (this.inFlight) return this.inFlight;
    this.inFlightSince = Date.now();
    const work = this.fetch().finally(() => (this.inFlight = undefined));
    // callers past their deadline stop listening; the outcome is already recorded by fetch()
    work.catch(() => undefined);
    this.inFlight = work;
    return work;
  }

  private async fetch(): Promise<ClusterSnapshot> {
    const invalidationsBefore = this.invalidations;
    // the outcome of the call itself is recorded by the reachability tracker (it observes the
    // client); this adds what only this answer knows: which nodes are not online
    const resources = await this.proxmox.getClusterResources();
    const offline = resources.nodes.filter((n) => n.status !== 'online').map((n) => n.node);
    this.reachability.recordSuccess(offline.sort());
    this.last = { resources, fetchedAt: Date.now(), stale: false };
    // an answer asked for before the latest invalidate() may predate the change: not current
    this.expired = this.invalidations !== invalidationsBefore;
    this.writeBehind.write(CLUSTER_CACHE_KEY, resources, this.last.fetchedAt);
    this.fresh.next(resources);
    return { ...this.last, cache: 'MISS' };
  }
}

function staleCopy(last: Omit<ClusterSnapshot, 'cache'>): ClusterSnapshot {
  return { ...last, stale: true, cache: 'STALE' };
}

function noted(snapshot: ClusterSnapshot): ClusterSnapshot {
  noteRead(snapshot.cache, snapshot.fetchedAt);
  return snapshot;
}
