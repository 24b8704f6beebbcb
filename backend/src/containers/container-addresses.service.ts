import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { type Observable, Subject, type Subscription } from 'rxjs';
import { CachedReadService } from '../cache/cached-read.service.js';
import { ClusterStateService } from '../cache/cluster-state.service.js';
import { ReachabilityService } from '../cache/reachability.service.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import type { ClusterResources, ContainerConfig, PveGuest } from '../proxmox/proxmox.types.js';
import {
  ADDRESS_CONCURRENCY,
  ADDRESS_FAILED_RETRY_MS,
  ADDRESS_ON_DEMAND_MIN_AGE_MS,
  ADDRESS_REQUESTS_PER_TICK,
  ADDRESS_TICK_MS,
  type AddressEntry,
  markOf,
  pickDue,
  refreshReason,
} from './address-schedule.js';
import { addressPlan, insideAddress } from './container-address.js';

/** The address fields of a list item or detail (ContainerSummaryDto). */
export interface AddressFields {
  ipv4?: string;
  protection?: boolean;
  addressReadAt?: string;
}

const KEY = /^ct\/(\d+)\/address$/;
const keyOf = (vmid: number): string => `ct/${vmid}/address`;

/**
 * The one source of container addresses and protection flags, which /cluster/resources does not
 * carry: a bounded background read of each CT's config (and, for a running CT whose address is
 * set inside it by DHCP, its interfaces), at the cadence in address-schedule.ts; never one
 * request per container per collection cycle. A container's page adds an on-demand read (at most
 * once a minute per CT). Entries go through the cache (`ct/{vmid}/address`), so after a restart
 * while Proxmox is away the last known addresses are shown, and a deleted CT's entry is pruned.
 */
@Injectable()
export class ContainerAddressesService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ContainerAddressesService.name);
  private readonly entries = new Map<number, AddressEntry>();
  /** epoch ms of the last failed read per container: not asked again before ADDRESS_FAILED_RETRY_MS */
  private readonly failedAt = new Map<number, number>();
  private readonly changed = new Subject<void>();
  private subscription?: Subscription;
  private running?: Promise<void>;
  private changes = 0;

  constructor(
    private readonly proxmox: ProxmoxClient,
    private readonly cluster: ClusterStateService,
    private readonly cached: CachedReadService,
    private readonly reachability: ReachabilityService,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const key of await this.cached.keysStartingWith('ct/')) {
      const vmid = KEY.exec(key)?.[1];
      const entry = vmid ? await this.cached.peek<AddressEntry>(key) : undefined;
      if (entry) this.entries.set(Number(vmid), entry);
    }
    this.subscription = this.cluster.fresh$.subscribe((r) => this.forgetGone(r));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    this.changed.complete();
  }

  /** Counts changes of what addressOf() gives, so a serialized list knows when to renew. */
  get version(): number {
    return this.changes;
  }

  /** After each cycle or on-demand read that changed an entry. */
  get changes$(): Observable<void> {
    return this.changed.asObservable();
  }

  /** The IPv4 of a running container, its protection flag and when both were read. */
  addressOf(g: { vmid: number; status: string }): AddressFields {
    const entry = this.entries.get(g.vmid);
    if (!entry) return {};
    const fields: AddressFields = {};
    if (g.status === 'running' && entry.ipv4) fields.ipv4 = entry.ipv4;
    fields.protection = entry.protection;
    fields.addressReadAt = new Date(entry.readAt).toISOString();
    return fields;
  }

  /** One cycle (ADDRESS_TICK_MS); a cycle still running makes the next tick a no-op. */
  @Interval('container-addresses', ADDRESS_TICK_MS)
  async runCycle(): Promise<void> {
    this.running ??= this.cycle()
      .catch((error: unknown) => this.logger.warn(`address cycle: ${(error as Error).message}`))
      .finally(() => (this.running = undefined));
    await this.running;
  }

  private async cycle(): Promise<void> {
    if (this.reachability.isOffline()) return;
    // an answer another reader got within the tick is reused: at most one cluster read per tick
    const snapshot = await this.cluster.snapshot(ADDRESS_TICK_MS);
    if (snapshot.stale) return;
    const due = pickDue(
      snapshot.resources.guests,
      this.entries,
      Date.now(),
      ADDRESS_REQUESTS_PER_TICK,
      (g) => this.reachability.isNodeUnreachable(g.node) || this.failedRecently(g.vmid),
    );
    const before = this.changes;
    const queue = due.map((d) => d.guest);
    const worker = async (): Promise<void> => {
      for (let g = queue.shift(); g; g = queue.shift()) await this.refresh(g);
    };
    await Promise.all(Array.from({ length: ADDRESS_CONCURRENCY }, worker));
    if (this.changes !== before) this.changed.next();
  }

  /**
   * The container's page read its config anyway: protection and a static address are taken
   * from it without a request; an address set inside a running CT is read when the last read is
   * older than ADDRESS_ON_DEMAND_MIN_AGE_MS (the page polls every few seconds).
   */
  async observeDetail(guest: PveGuest, config: ContainerConfig): Promise<void> {
    const entry = this.entries.get(guest.vmid);
    const plan = addressPlan(config.nets);
    const now = Date.now();
    const fresh = entry && now - entry.readAt < ADDRESS_ON_DEMAND_MIN_AGE_MS;
    if (plan.kind === 'inside' && guest.status === 'running') {
      const settled =
        fresh &&
        entry.inside &&
        entry.protection === config.protection &&
        !refreshReason(guest, entry, now);
      if (!settled && !this.failedRecently(guest.vmid)) await this.refresh(guest, config);
      return;
    }
    const ipv4 = plan.kind === 'static' ? plan.ipv4 : undefined;
    const same = entry && entry.ipv4 === ipv4 && entry.protection === config.protection;
    if (same && fresh) return;
    const next = { ipv4, protection: config.protection, inside: plan.kind === 'inside' };
    await this.refresh(guest, config, next);
  }

  /** Reads one container through the cache; a failure keeps the last entry (logged). */
  private async refresh(
    guest: PveGuest,
    config?: ContainerConfig,
    known?: Omit<AddressEntry, 'seen' | 'readAt'>,
  ): Promise<void> {
    try {
      await this.cached.read(keyOf(guest.vmid), () => this.read(guest, config, known), {
        node: guest.node,
      });
    } catch (error) {
      this.failedAt.set(guest.vmid, Date.now());
      this.logger.debug(`address of CT ${guest.vmid} not read: ${(error as Error).message}`);
    }
  }

  private failedRecently(vmid: number): boolean {
    const at = this.failedAt.get(vmid);
    return at !== undefined && Date.now() - at < ADDRESS_FAILED_RETRY_MS;
  }

  private async read(
    guest: PveGuest,
    config?: ContainerConfig,
    known?: Omit<AddressEntry, 'seen' | 'readAt'>,
  ): Promise<AddressEntry> {
    let fields = known;
    if (!fields) {
      config ??= await this.proxmox.getContainerConfig(guest.node, guest.vmid);
      const plan = addressPlan(config.nets);
      let ipv4 = plan.kind === 'static' ? plan.ipv4 : undefined;
      if (plan.kind === 'inside' && guest.status === 'running') {
        const interfaces = await this.proxmox.getContainerInterfaces(guest.node, guest.vmid);
        ipv4 = insideAddress(plan.name, interfaces);
      }
      fields = { ipv4, protection: config.protection, inside: plan.kind === 'inside' };
    }
    const entry: AddressEntry = { ...fields, seen: markOf(guest), readAt: Date.now() };
    if (entry.ipv4 === undefined) delete entry.ipv4;
    this.set(guest.vmid, entry);
    return entry;
  }

  private set(vmid: number, entry: AddressEntry): void {
    this.entries.set(vmid, entry);
    this.failedAt.delete(vmid);
    this.changes += 1;
  }

  /** A complete answer (every node online) is the whole truth: drop entries of deleted CTs. */
  private forgetGone(resources: ClusterResources): void {
    if (!resources.nodes.length || resources.nodes.some((n) => n.status !== 'online')) return;
    const present = new Set(resources.guests.filter((g) => g.type === 'lxc').map((g) => g.vmid));
    for (const vmid of this.entries.keys()) {
      if (present.has(vmid)) continue;
      this.entries.delete(vmid);
      this.failedAt.delete(vmid);
      this.changes += 1;
    }
  }
}
