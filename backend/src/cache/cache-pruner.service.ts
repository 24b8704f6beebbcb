import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import type { ClusterResources } from '../proxmox/proxmox.types.js';
import { CacheRepository } from './cache.repository.js';
import { CachedReadService } from './cached-read.service.js';
import { ClusterStateService } from './cluster-state.service.js';
import { ReachabilityService } from './reachability.service.js';

/** Finished tasks are cached for good; this many (the newest) are kept in SQLite. */
export const KEEP_TASK_DETAILS = 1_000;
/** The task details are trimmed at most this often. */
export const TRIM_EVERY_MS = 10 * 60_000;
/** Prefixes of the keys that belong to one container or one node (see orphanKeys). */
const OWNED_PREFIXES = ['ct/', 'tasks/', 'storages/'];
export const TASK_DETAIL_PREFIX = 'task/';

/**
 * Drops the cache entries of containers and nodes a fresh /cluster/resources answer no longer
 * lists, so a deleted container is not served from the cache (or under a reused vmid) later. It
 * never prunes while Proxmox is offline or a node is: that node's containers are unknown, not gone.
 */
@Injectable()
export class CachePruner implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CachePruner.name);
  private subscription?: Subscription;
  private running?: Promise<void>;
  /** the cluster shape last pruned against; pruning again is only useful when it changes */
  private prunedShape?: string;
  private trimmedAt = 0;

  constructor(
    private readonly cluster: ClusterStateService,
    private readonly cached: CachedReadService,
    private readonly store: CacheRepository,
    private readonly reachability: ReachabilityService,
  ) {}

  onModuleInit(): void {
    this.subscription = this.cluster.fresh$.subscribe((resources) => {
      this.running ??= this.prune(resources).finally(() => (this.running = undefined));
    });
    // after an outage look again, even if the cluster looks the same: entries may be orphaned
    this.subscription.add(
      this.reachability.changes$.subscribe((status) => {
        if (status.state !== 'online') this.prunedShape = undefined;
      }),
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.subscription?.unsubscribe();
    await this.running;
  }

  /** One pass over a fresh answer; errors are logged, the next fresh answer tries again. */
  async prune(resources: ClusterResources): Promise<void> {
    if (!complete(resources) || this.reachability.current().state !== 'online') {
      this.prunedShape = undefined;
      return;
    }
    try {
      const shape = shapeOf(resources);
      if (shape !== this.prunedShape) {
        await this.dropOrphans(resources);
        this.prunedShape = shape;
      }
      if (Date.now() - this.trimmedAt >= TRIM_EVERY_MS) {
        this.trimmedAt = Date.now();
        await this.store.trim(TASK_DETAIL_PREFIX, KEEP_TASK_DETAILS);
      }
    } catch (error) {
      this.logger.warn(`cache not pruned: ${(error as Error).message}`);
    }
  }

  private async dropOrphans(resources: ClusterResources): Promise<void> {
    const keys = (
      await Promise.all(OWNED_PREFIXES.map((p) => this.cached.keysStartingWith(p)))
    ).flat();
    const orphans = orphanKeys(keys, resources);
    if (!orphans.length) return;
    await this.cached.forget(orphans);
    this.logger.log(`pruned ${orphans.length} cache entries of deleted containers or nodes`);
  }
}

/** Every node answered: the guest list is the whole truth, not a partial view. */
function complete(resources: ClusterResources): boolean {
  return resources.nodes.length > 0 && resources.nodes.every((n) => n.status === 'online');
}

function shapeOf(resources: ClusterResources): string {
  const cts = lxcIds(resources);
  const nodes = resources.nodes.map((n) => n.node).sort();
  return `${[...cts].sort((a, b) => a - b).join(',')}|${nodes.join(',')}`;
}

function lxcIds(resources: ClusterResources): Set<number> {
  return new Set(resources.guests.filter((g) => g.type === 'lxc').map((g) => g.vmid));
}

/**
 * The keys of containers and nodes that are gone: ct/{vmid} (detail), tasks/{vmid}/{limit}
 * (a guest's task list) and storages/{node}/{content}. Cluster-wide keys are never orphans.
 */
export function orphanKeys(keys: string[], resources: ClusterResources): string[] {
  const cts = lxcIds(resources);
  const guests = new Set(resources.guests.map((g) => g.vmid));
  const nodes = new Set(resources.nodes.map((n) => n.node));
  return keys.filter((key) => {
    const [kind, owner] = key.split('/');
    if (kind === 'ct') return !cts.has(Number(owner));
    if (kind === 'tasks' && owner !== '*') return !guests.has(Number(owner));
    if (kind === 'storages') return !nodes.has(owner);
    return false;
  });
}
