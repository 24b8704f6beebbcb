import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Freshness } from '../common/freshness.dto.js';
import { CacheRepository, type StoredValue } from './cache.repository.js';
import { PERSIST_EVERY_MS, READ_DEADLINE_MS } from './cluster-state.service.js';
import { canServeStale, withDeadline } from './proxmox-failure.js';
import { type CacheStatus, noteRead } from './read-context.js';
import { ReachabilityService } from './reachability.service.js';
import { WriteBehind } from './write-behind.js';

export interface Cached<T> extends Freshness {
  value: T;
  cache: CacheStatus;
}

export interface ReadOptions<T> {
  /** An answer that can never change (a finished task): once cached, Proxmox is not asked again. */
  final?: (value: T) => boolean;
  /**
   * The node the read is about: while calls to it time out or fail (reachability), the last known
   * answer is served stale without asking, and with nothing cached the node's error is thrown.
   */
  node?: string;
}

interface InFlight<T> {
  work: Promise<Cached<T>>;
  since: number;
}

/** Keys are few (one per container, storage list, task list, the templates): a safety bound only. */
const MAX_MEMORY_KEYS = 5_000;

/**
 * Per-item reads (a container's status and config, templates, storages, tasks) with the same
 * rules as the cluster state: fresh when Proxmox answers in time, else the last good answer from
 * memory or SQLite marked stale; with nothing cached the Proxmox error goes to the caller (while
 * offline without asking Proxmox).
 */
@Injectable()
export class CachedReadService implements OnModuleDestroy {
  private readonly logger = new Logger(CachedReadService.name);
  private readonly memory = new Map<string, StoredValue<unknown>>();
  private readonly inFlight = new Map<string, InFlight<unknown>>();
  private readonly writeBehind: WriteBehind;

  constructor(
    private readonly store: CacheRepository,
    private readonly reachability: ReachabilityService,
  ) {
    this.writeBehind = new WriteBehind(store, PERSIST_EVERY_MS, (m) => this.logger.warn(m));
  }

  onModuleDestroy(): Promise<void> {
    return this.writeBehind.flush();
  }

  async read<T>(
    key: string,
    fetch: () => Promise<T>,
    options: ReadOptions<T> = {},
  ): Promise<Cached<T>> {
    const known = await this.lastGood<T>(key);
    if (known && options.final?.(known.value)) return noted(kept(known));
    if (this.reachability.isOffline()) {
      if (known) return noted(stale(known));
      throw this.reachability.offlineError();
    }
    if (options.node && this.reachability.isNodeUnreachable(options.node)) {
      if (known) return noted(stale(known));
      throw this.reachability.nodeError(options.node);
    }
    const { work, since } = this.fetchShared(key, fetch);
    if (!known) return noted(await work);
    try {
      return noted(await withDeadline(work, READ_DEADLINE_MS - (Date.now() - since)));
    } catch (error) {
      if (!canServeStale(error)) throw error;
      return noted(stale(known));
    }
  }

  /** Readers of one key share the call in flight; a slow answer still lands in the cache. */
  private fetchShared<T>(key: string, fetch: () => Promise<T>): InFlight<T> {
    const running = this.inFlight.get(key) as InFlight<T> | undefined;
    if (running) return running;
    const work = fetch()
      .then((value) => this.remember(key, value))
      .finally(() => this.inFlight.delete(key));
    // readers past their deadline stop listening; the client reported the outcome to reachability
    work.catch(() => undefined);
    const entry = { work, since: Date.now() };
    this.inFlight.set(key, entry);
    return entry;
  }

  /** The last good answer without asking Proxmox (e.g. the node it lives on is offline). */
  async lastKnown<T>(key: string): Promise<Cached<T> | undefined> {
    const known = await this.lastGood<T>(key);
    return known ? noted(stale(known)) : undefined;
  }

  /** The last good value, without counting as a read of this request (to merge an answer into). */
  async peek<T>(key: string): Promise<T | undefined> {
    return (await this.lastGood<T>(key))?.value;
  }

  /** Drops entries for good (memory, pending writes and SQLite), e.g. of a deleted container. */
  async forget(keys: string[]): Promise<void> {
    for (const key of keys) {
      this.memory.delete(key);
      this.writeBehind.cancel(key);
    }
    await this.store.delete(keys);
  }

  /** Every cached key starting with `prefix`, in memory or in SQLite. */
  async keysStartingWith(prefix: string): Promise<string[]> {
    const stored = await this.store.keysStartingWith(prefix);
    const inMemory = [...this.memory.keys()].filter((k) => k.startsWith(prefix));
    return [...new Set([...stored, ...inMemory])];
  }

  private async lastGood<T>(key: string): Promise<StoredValue<T> | undefined> {
    const inMemory = this.memory.get(key) as StoredValue<T> | undefined;
    if (inMemory) return inMemory;
    try {
      return await this.store.get<T>(key);
    } catch (error) {
      this.logger.warn(`cache entry ${key} unreadable: ${(error as Error).message}`);
      return undefined;
    }
  }

  private remember<T>(key: string, value: T): Cached<T> {
    const fetchedAt = Date.now();
    if (!this.memory.has(key) && this.memory.size >= MAX_MEMORY_KEYS) this.memory.clear();
    this.memory.set(key, { value, fetchedAt });
    this.writeBehind.write(key, value, fetchedAt);
    return { value, fetchedAt, stale: false, cache: 'MISS' };
  }
}

function stale<T>(known: StoredValue<T>): Cached<T> {
  return { value: known.value, fetchedAt: known.fetchedAt, stale: true, cache: 'STALE' };
}

function kept<T>(known: StoredValue<T>): Cached<T> {
  return { value: known.value, fetchedAt: known.fetchedAt, stale: false, cache: 'HIT' };
}

function noted<T>(read: Cached<T>): Cached<T> {
  noteRead(read.cache, read.fetchedAt);
  return read;
}
