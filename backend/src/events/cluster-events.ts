import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { MessageEvent } from '@nestjs/common';
import { distinctUntilChanged, filter, map, type Subscription } from 'rxjs';
import { ClusterStateService } from '../cache/cluster-state.service.js';
import { ReachabilityService } from '../cache/reachability.service.js';
import { freshnessOf } from '../common/freshness.dto.js';
import { ContainerAddressesService } from '../containers/container-addresses.service.js';
import { toContainerList } from '../containers/container-list.js';
import type { NodeDto, NodeListDto } from '../nodes/dto/node.dto.js';
import { toNodeItems } from '../nodes/nodes.service.js';
import type { ClusterResources } from '../proxmox/proxmox.types.js';
import { StatusService } from '../status/status.service.js';
import { ContainerDiffer, stateKeyOf, type UsagePass } from './container-diff.js';
import type { ContainersEventDto } from './dto/live-event.dto.js';
import { EventsService, liveEvent } from './events.service.js';

/**
 * How often the cluster state is read while a stream is open: one /cluster/resources request
 * for all streams together (pvestatd itself refreshes guest status every 10 s).
 */
export const WATCH_EVERY_MS = 5_000;
/** After a task starts or ends the state is read this soon; a burst of tasks makes one read. */
export const AFTER_TASK_MS = 250;
/**
 * At most one `containers` (and `nodes`) event this often. A start makes several fresh answers
 * within a second (the action's own read, the task's start and end, the watch); one event carries
 * them all, so a burst of tasks costs each stream one event a second instead of one per answer.
 * The first change after a quiet second goes out at once.
 */
export const COALESCE_MS = 1_000;
/**
 * Usage (CPU, memory, disk, counters, uptime) goes out at most this often; state changes do not
 * wait for it. 10 s is pvestatd's own cycle, so Proxmox has nothing newer to tell in between, and
 * it is how often the list was polled before the stream. Each round sends the containers whose
 * CPU, memory or disk moved by a step the list shows (container-diff.ts), and one in
 * USAGE_ROUNDS of the others (by vmid) if anything moved, so no row is older than a minute and
 * the rounds stay the same size instead of the whole list going out every minute at once.
 */
export const USAGE_EVERY_MS = 10_000;
export const USAGE_ROUNDS = 6;

/** A node's fields that move with load; a change of the others (status, limits) is sent at once. */
const NODE_USAGE = new Set(['cpu', 'mem', 'disk', 'uptime']);

/**
 * Publishes the container, node and connection-status changes on the event stream. Every fresh
 * /cluster/resources answer, whoever asked for it (a page, the collector, this watcher), is
 * compared with what the streams hold: a state change goes out as a `containers` diff and the
 * `nodes` list, at most one of each per COALESCE_MS; usage goes out with them once USAGE_EVERY_MS
 * has passed. A change of reachability becomes a `status` event, and going offline marks both
 * lists stale.
 */
@Injectable()
export class ClusterEvents implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ClusterEvents.name);
  private readonly containers = new ContainerDiffer();
  private nodes?: NodeDto[];
  private fetchedAt = 0;
  /** fetchedAt of the answer the streams' container list was last brought up to date with */
  private sentFetchedAt = 0;
  private sentNodes?: string;
  private lastPublishAt = Number.NEGATIVE_INFINITY;
  private lastUsageAt = Number.NEGATIVE_INFINITY;
  private usageRound = 0;
  private flushTimer?: NodeJS.Timeout;
  /** the whole-list opening event, serialized once for every stream opened until the next change */
  private openingList?: MessageEvent;
  private resources?: ClusterResources;
  private readonly subscriptions: Subscription[] = [];
  private watch?: NodeJS.Timeout;
  private soon?: NodeJS.Timeout;

  constructor(
    private readonly events: EventsService,
    private readonly cluster: ClusterStateService,
    private readonly reachability: ReachabilityService,
    private readonly status: StatusService,
    private readonly addresses: ContainerAddressesService,
  ) {}

  onModuleInit(): void {
    this.events.addOpening(() => this.opening());
    this.subscriptions.push(
      this.cluster.fresh$.subscribe((resources) => this.fresh(resources)),
      this.addresses.changes$.subscribe(() => this.addressesChanged()),
      this.reachability.changes$.subscribe(() => this.statusChanged()),
      this.events.openStreams$
        .pipe(
          map((n) => n > 0),
          distinctUntilChanged(),
        )
        .subscribe((open) => (open ? this.startWatching() : this.stopWatching())),
      this.events.published$
        .pipe(filter((e) => e.type === 'task'))
        .subscribe(() => this.readSoon()),
    );
  }

  onModuleDestroy(): void {
    this.stopWatching();
    clearTimeout(this.flushTimer);
    for (const s of this.subscriptions) s.unsubscribe();
  }

  /** What a new stream gets first: the status, and both lists as last known. */
  private opening(): MessageEvent[] {
    const opening = [liveEvent('status', this.status.getConnectionStatus())];
    if (this.containers.hasBase) {
      this.openingList ??= liveEvent(
        'containers',
        this.containersEvent(true, this.containers.current()),
      );
      opening.push(this.openingList);
    }
    if (this.nodes) opening.push(liveEvent('nodes', this.nodesEvent()));
    return opening;
  }

  private fresh(resources: ClusterResources): void {
    this.fetchedAt = Date.now();
    this.resources = resources;
    this.nodes = toNodeItems(resources);
    const changed = this.containers.stage(this.containerItems(resources));
    if (changed || this.nodesKey() !== this.sentNodes || this.usageDue()) this.schedule();
  }

  private usageDue(): boolean {
    return Date.now() - this.lastUsageAt >= USAGE_EVERY_MS;
  }

  private nextUsagePass(): UsagePass {
    const round = this.usageRound;
    this.usageRound = (round + 1) % USAGE_ROUNDS;
    return { due: (vmid) => vmid % USAGE_ROUNDS === round };
  }

  private nodesKey(): string {
    return (this.nodes ?? []).map((n) => stateKeyOf(n, NODE_USAGE)).join('\n');
  }

  /** Publishes now, or when COALESCE_MS has passed since the last event (with the newest list). */
  private schedule(): void {
    if (this.flushTimer) return;
    const wait = this.lastPublishAt + COALESCE_MS - Date.now();
    if (wait <= 0) return this.flush();
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, wait);
    this.flushTimer.unref();
  }

  private flush(): void {
    const full = !this.containers.hasBase;
    const usage = full || this.usageDue() ? this.nextUsagePass() : undefined;
    const { changed, removed } = this.containers.take(usage);
    const now = Date.now();
    this.lastPublishAt = now;
    if (usage) this.lastUsageAt = now;
    this.sentFetchedAt = this.fetchedAt;
    this.sentNodes = this.nodesKey();
    this.openingList = undefined;
    // sent even when nothing changed (a usage tick): the new fetchedAt says the data is fresh
    this.events.publish('containers', this.containersEvent(full, changed, removed));
    this.events.publish('nodes', this.nodesEvent());
  }

  private containerItems(resources: ClusterResources): ContainersEventDto['changed'] {
    const snapshot = { resources, fetchedAt: this.fetchedAt, stale: false };
    return toContainerList(snapshot, {}, undefined, (g) => this.addresses.addressOf(g)).items;
  }

  /** The address source read new addresses: send the containers they changed, if any. */
  private addressesChanged(): void {
    if (!this.resources || !this.containers.hasBase) return;
    if (this.containers.stage(this.containerItems(this.resources))) this.schedule();
  }

  private statusChanged(): void {
    this.events.publish('status', this.status.getConnectionStatus());
    this.openingList = undefined;
    if (!this.reachability.isOffline() || !this.containers.hasBase) return;
    this.events.publish('containers', this.containersEvent(false, []));
    if (this.nodes) this.events.publish('nodes', this.nodesEvent());
  }

  private containersEvent(
    full: boolean,
    changed: ContainersEventDto['changed'],
    removed: number[] = [],
  ): ContainersEventDto {
    return { full, changed, removed, ...this.freshness(this.sentFetchedAt) };
  }

  private nodesEvent(): NodeListDto {
    return { items: this.nodes ?? [], ...this.freshness(this.fetchedAt) };
  }

  private freshness(fetchedAt: number): { stale: boolean; fetchedAt: string } {
    return freshnessOf({ fetchedAt, stale: this.reachability.isOffline() });
  }

  private startWatching(): void {
    this.read();
    this.watch = setInterval(() => this.read(), WATCH_EVERY_MS);
    this.watch.unref();
  }

  private stopWatching(): void {
    clearInterval(this.watch);
    clearTimeout(this.soon);
    this.watch = this.soon = undefined;
  }

  /** A task changes the cluster: read it again now rather than at the next watch tick. */
  private readSoon(): void {
    if (this.soon || !this.watch) return;
    this.soon = setTimeout(() => {
      this.soon = undefined;
      this.cluster.refresh().catch((error: unknown) => this.failed(error));
    }, AFTER_TASK_MS);
    this.soon.unref();
  }

  /** A recent answer is reused; a failure is already tracked by reachability. */
  private read(): void {
    this.cluster.snapshot().catch((error: unknown) => this.failed(error));
  }

  private failed(error: unknown): void {
    this.logger.debug(`cluster read for the event stream failed: ${(error as Error).message}`);
  }
}
