import { Injectable } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service.js';
import { type Cached, CachedReadService } from '../cache/cached-read.service.js';
import { ClusterStateService } from '../cache/cluster-state.service.js';
import { canServeStale } from '../cache/proxmox-failure.js';
import { ReachabilityService } from '../cache/reachability.service.js';
import { conflict, notFound } from '../common/domain-errors.js';
import { type JsonText, JsonTextMemo, toJsonText } from '../common/json-text.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import { ProxmoxError } from '../proxmox/proxmox.errors.js';
import type {
  ClusterResources,
  ContainerConfig,
  ContainerPendingItem,
  ContainerStatus,
  PowerAction,
  PveGuest,
  Upid,
} from '../proxmox/proxmox.types.js';
import type { TaskRefDto } from '../tasks/dto/task.dto.js';
import { parseRequestSelector } from '../selectors/selector-request.js';
import { type AddressFields, ContainerAddressesService } from './container-addresses.service.js';
import { ContainerCreatePlanner } from './container-create.planner.js';
import { lockedMessage, powerParams } from './container-power.js';
import { toContainerList } from './container-list.js';
import { toContainerDetail, toPartialDetail } from './container.mapper.js';
import { freshnessOf } from '../common/freshness.dto.js';
import type {
  ContainerDetailDto,
  ContainerInterfaceListDto,
  ContainerListDto,
} from './dto/container.dto.js';
import type { CreateContainerDto, CreateContainerResultDto } from './dto/create-container.dto.js';
import type { ListContainersQueryDto } from './dto/list-containers-query.dto.js';
import type { ShutdownContainerDto } from './dto/shutdown-container.dto.js';
import { PermissionsService } from '../permissions/permissions.service.js';

const CREATE_ATTEMPTS = 3;

export interface DeleteOptions {
  purge?: boolean;
  force?: boolean;
}

/** What the container detail is built from, cached per container. */
interface LiveContainer {
  status: ContainerStatus;
  config: ContainerConfig;
  /** read for running CTs only: a stopped one takes every change at once */
  pending?: ContainerPendingItem[];
}

@Injectable()
export class ContainersService {
  private readonly fullList = new JsonTextMemo<ClusterResources, ContainerListDto>();

  constructor(
    private readonly proxmox: ProxmoxClient,
    private readonly cluster: ClusterStateService,
    private readonly planner: ContainerCreatePlanner,
    private readonly activity: ActivityService,
    private readonly cached: CachedReadService,
    private readonly reachability: ReachabilityService,
    private readonly addresses: ContainerAddressesService,
    private readonly permissions: PermissionsService,
  ) {}

  /** Every LXC container of the cluster from one /cluster/resources read; QEMU VMs are left out. */
  async listContainers(query: ListContainersQueryDto = {}): Promise<JsonText<ContainerListDto>> {
    const snapshot = await this.cluster.snapshot();
    const filtered = query.node || query.status || query.q || query.selector;
    if (!filtered) {
      // the unfiltered list, which every open list page asks for, is serialized once per snapshot
      // (and again when the address source read something new)
      const variant = `${snapshot.fetchedAt}/${snapshot.stale}/${this.addresses.version}`;
      return this.fullList.get(snapshot.resources, variant, () =>
        toContainerList(snapshot, {}, undefined, this.addressOf),
      );
    }
    const selector = query.selector ? parseRequestSelector(query.selector) : undefined;
    return toJsonText(toContainerList(snapshot, query, selector, this.addressOf));
  }

  private readonly addressOf = (g: PveGuest): AddressFields => this.addresses.addressOf(g);

  /**
   * Live status and config; the last known ones (stale) when Proxmox or the CT's node is away.
   * Never read before an outage: what the cluster list knows (status, name, resources), stale and
   * `partial`, with config and swap null, rather than an error page for a container that exists.
   */
  async getContainer(vmid: number): Promise<ContainerDetailDto> {
    const guest = await this.locate(vmid);
    const nodeAway = await this.isNodeAway(guest.node);
    const read = await this.readLive(guest, nodeAway);
    if (!read) {
      const partial = toPartialDetail(guest, (await this.cluster.snapshot()).fetchedAt);
      return { ...partial, ...this.addresses.addressOf(guest) };
    }
    const { status, config, pending } = read.value;
    // opening the page is when its address is wanted now: read on demand (bounded per CT)
    if (!read.stale) await this.addresses.observeDetail(guest, config);
    const detail = toContainerDetail(status, config, guest.node, pending);
    // a node that is not online cannot vouch for the status it last gave
    if (nodeAway) detail.status = 'unknown';
    return { ...detail, ...this.addresses.addressOf(detail), ...freshnessOf(read) };
  }

  /**
   * Whether the container's node is away, from the NODE's status in the cluster list. A guest's
   * own `unknown` says nothing about its node: PVE lists a CT created in the last pvestatd cycle
   * (up to 10 s) as `unknown` without a name (PVE::API2Tools::extract_vm_stats finds no RRD status
   * line for it yet), while its node answers. A token that cannot see nodes gets no node entries:
   * then the node is taken as present, and a failing call says otherwise.
   */
  private async isNodeAway(node: string): Promise<boolean> {
    const entry = (await this.cluster.snapshot()).resources.nodes.find((n) => n.node === node);
    return entry !== undefined && entry.status !== 'online';
  }

  /** undefined: Proxmox or the node is away and nothing is cached for this container. */
  private async readLive(
    guest: PveGuest,
    nodeAway: boolean,
  ): Promise<Cached<LiveContainer> | undefined> {
    const key = `ct/${guest.vmid}`;
    if (nodeAway) return this.cached.lastKnown<LiveContainer>(key);
    try {
      return await this.cached.read(key, () => this.fetchLive(guest.node, guest.vmid), {
        node: guest.node,
      });
    } catch (error) {
      if (canServeStale(error)) return undefined;
      throw error;
    }
  }

  private async fetchLive(node: string, vmid: number): Promise<LiveContainer> {
    const [status, config] = await Promise.all([
      this.proxmox.getContainerStatus(node, vmid),
      this.proxmox.getContainerConfig(node, vmid),
    ]);
    if (status.status !== 'running') return { status, config };
    return { status, config, pending: await this.proxmox.getContainerPending(node, vmid) };
  }

  async createContainer(dto: CreateContainerDto): Promise<CreateContainerResultDto> {
    this.reachability.assertWritable();
    // API2/LXC.pm create_vm checks this first of all; the token rarely has it, so say so up front
    if (dto.unprivileged === false)
      await this.permissions.assertGranted([{ path: '/', privileges: ['Sys.Modify'] }]);
    for (let attempt = 1; ; attempt++) {
      const plan = await this.planner.plan(dto, await this.cluster.snapshot());
      try {
        this.reachability.assertNodeWritable(plan.node);
        const task = await this.proxmox.createContainer(plan.node, plan.params);
        this.cluster.invalidate();
        await this.activity.recordTask('create', `ct/${plan.params.vmid}`, task);
        return {
          vmid: plan.params.vmid,
          node: plan.node,
          hostname: plan.params.hostname ?? '',
          upid: task.upid,
        };
      } catch (error) {
        // nextid can race with another client: PVE then says the id exists; take the next one.
        const raced = plan.vmidChosen && isVmidTaken(error) && attempt < CREATE_ATTEMPTS;
        if (!raced) throw error;
        this.cluster.invalidate();
      }
    }
  }

  async powerAction(
    vmid: number,
    action: PowerAction,
    shutdown?: ShutdownContainerDto,
  ): Promise<TaskRefDto> {
    const task = await this.startPowerTask(vmid, action, shutdown);
    await this.activity.recordTask(action, `ct/${vmid}`, task);
    return { upid: task.upid };
  }

  /**
   * Starts the power task without recording it: plans record their whole run as one entry.
   * Status.pm checks the lock only inside the worker (HTTP 200, then a failed task), so the
   * console reads the config first and answers 409 naming the lock instead.
   */
  async startPowerTask(
    vmid: number,
    action: PowerAction,
    shutdown?: ShutdownContainerDto,
  ): Promise<Upid> {
    this.reachability.assertWritable();
    const guest = await this.locate(vmid);
    if (guest.template && action === 'start') {
      throw conflict(`CT ${vmid} is a template; templates cannot be started`);
    }
    this.reachability.assertNodeWritable(guest.node);
    const { lock } = await this.proxmox.getContainerConfig(guest.node, vmid);
    if (lock) throw new ProxmoxError('locked', lockedMessage(vmid, action, lock), { lock });
    const version = action === 'stop' ? await this.proxmox.getVersion() : undefined;
    const params = powerParams(action, guest, version, shutdown);
    const task = await this.proxmox.containerAction(guest.node, vmid, action, params);
    this.cluster.invalidate();
    return task;
  }

  async deleteContainer(vmid: number, options: DeleteOptions): Promise<TaskRefDto> {
    const task = await this.startDeleteTask(vmid, options);
    await this.activity.recordTask('delete', `ct/${vmid}`, task);
    return { upid: task.upid };
  }

  /** Starts the delete task without recording it (see startPowerTask). */
  async startDeleteTask(vmid: number, options: DeleteOptions): Promise<Upid> {
    this.reachability.assertWritable();
    const guest = await this.locate(vmid);
    this.reachability.assertNodeWritable(guest.node);
    await this.assertUnprotected(guest);
    const task = await this.proxmox.deleteContainer(guest.node, vmid, {
      purge: options.purge ?? false,
      force: options.force ?? false,
    });
    this.cluster.invalidate();
    return task;
  }

  /**
   * GET .../interfaces (LXC.pm get_interfaces: `ip a` inside the CT), asked only when a client asks
   * for one container; PVE has no cluster-wide source of DHCP addresses. Running CTs only.
   */
  async getInterfaces(vmid: number): Promise<ContainerInterfaceListDto> {
    const guest = await this.locate(vmid);
    if (guest.status !== 'running')
      throw conflict(
        `CT ${vmid} is ${guest.status}; its addresses are known only while it runs`,
        'status',
      );
    return { items: await this.proxmox.getContainerInterfaces(guest.node, vmid) };
  }

  /** 409 naming the lock a running task holds on the container, before Proxmox is asked. */
  assertUnlocked(vmid: number, lock: string | undefined): void {
    if (lock)
      throw conflict(
        `CT ${vmid} is locked (${lock}) by a running task; try again when the task ends`,
        'lock',
      );
  }

  /** PVE refuses to destroy a protected CT (AbstractConfig::check_protection); say how to lift it. */
  private async assertUnprotected(guest: PveGuest): Promise<void> {
    const config = await this.proxmox.getContainerConfig(guest.node, guest.vmid);
    if (!config.protection) return;
    throw conflict(
      `CT ${guest.vmid} is protected, so Proxmox will not delete it; turn protection off in its Settings (PATCH /api/containers/${guest.vmid} {"protection": false}) and delete it again`,
      'protection',
    );
  }

  /** Finds the container's node from the cluster state; 404 for unknown ids and QEMU VMs. */
  async locate(vmid: number): Promise<PveGuest> {
    let guest = (await this.cluster.snapshot()).resources.guests.find((g) => g.vmid === vmid);
    if (!guest)
      guest = (await this.cluster.snapshot(0)).resources.guests.find((g) => g.vmid === vmid);
    if (!guest) throw notFound(`Container ${vmid} does not exist in this cluster`);
    if (guest.type !== 'lxc') {
      throw notFound(
        `${vmid} is a QEMU virtual machine, not a container; ProxiCloud manages containers only`,
      );
    }
    return guest;
  }
}

function isVmidTaken(error: unknown): boolean {
  return (
    error instanceof ProxmoxError &&
    (error.code === 'conflict' || error.code === 'invalid') &&
    /already exists/.test(error.message + JSON.stringify(error.details.fieldErrors ?? {}))
  );
}
