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
import { ContainerDiffer } from './container-diff.js';
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
 * Publishes the container, node and connection-status changes on the event stream. Every fresh
 * /cluster/resources answer, whoever asked for it (a page, the collector, this watcher), becomes
 * a `containers` diff and a `nodes` list; a change of reachability becomes a `status` event, and
 * going offline marks both lists stale.
 */
@Injectable()
export class ClusterEvents implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ClusterEvents.name);
  private readonly containers = new ContainerDiffer();
  private nodes?: NodeDto[];
  private fetchedAt = 0;
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
    for (const s of this.subscriptions) s.unsubscribe();
  }

  /** What a new stream gets first: the status, and both lists as last known. */
  private opening(): MessageEvent[] {
    const opening = [liveEvent('status', this.status.getConnectionStatus())];
    if (this.containers.hasBase) {
      opening.push(liveEvent('containers', this.containersEvent(true, this.containers.current())));
    }
    if (this.nodes) opening.push(liveEvent('nodes', this.nodesEvent()));
    return opening;
  }

  private fresh(resources: ClusterResources): void {
    this.fetchedAt = Date.now();
    this.resources = resources;
    const items = this.containerItems(resources);
    const full = !this.containers.hasBase;
    const { changed, removed } = this.containers.next(items);
    this.nodes = toNodeItems(resources);
    // sent even when nothing changed: the new fetchedAt tells the page its data is fresh
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
    const { changed, removed } = this.containers.next(this.containerItems(this.resources));
    if (!changed.length && !removed.length) return;
    this.events.publish('containers', this.containersEvent(false, changed, removed));
  }

  private statusChanged(): void {
    this.events.publish('status', this.status.getConnectionStatus());
    if (!this.reachability.isOffline() || !this.containers.hasBase) return;
    this.events.publish('containers', this.containersEvent(false, []));
    if (this.nodes) this.events.publish('nodes', this.nodesEvent());
  }

  private containersEvent(
    full: boolean,
    changed: ContainersEventDto['changed'],
    removed: number[] = [],
  ): ContainersEventDto {
    return { full, changed, removed, ...this.freshness() };
  }

  private nodesEvent(): NodeListDto {
    return { items: this.nodes ?? [], ...this.freshness() };
  }

  private freshness(): { stale: boolean; fetchedAt: string } {
    return freshnessOf({ fetchedAt: this.fetchedAt, stale: this.reachability.isOffline() });
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
