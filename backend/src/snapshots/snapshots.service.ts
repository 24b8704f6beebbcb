import { Injectable } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service.js';
import { CachedReadService } from '../cache/cached-read.service.js';
import { ClusterStateService } from '../cache/cluster-state.service.js';
import { ReachabilityService } from '../cache/reachability.service.js';
import { badRequest, conflict, notFound } from '../common/domain-errors.js';
import { ContainersService } from '../containers/containers.service.js';
import { parsePropertyString } from '../proxmox/property-string.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import type {
  ContainerConfig,
  ContainerSnapshotList,
  PveGuest,
  Upid,
} from '../proxmox/proxmox.types.js';
import type { TaskRefDto } from '../tasks/dto/task.dto.js';
import {
  type CreateSnapshotDto,
  RESERVED_SNAPSHOT_NAMES,
  type SnapshotDto,
} from './dto/snapshot.dto.js';

/**
 * Storage types whose container volumes PVE cannot snapshot (PVE::Storage plugins'
 * volume_has_feature: a directory-like storage snapshots qcow2 only, and CTs use raw or subvol;
 * thick LVM and iSCSI have no snapshots). LVM-thin, ZFS, Ceph RBD and BTRFS can.
 */
const NO_CT_SNAPSHOTS = new Set(['dir', 'nfs', 'cifs', 'glusterfs', 'cephfs', 'lvm', 'iscsi']);

/** 400 for the names PVE keeps for itself (API2/LXC/Snapshot.pm snapshot). */
export function assertSnapshotName(name: string): void {
  if (RESERVED_SNAPSHOT_NAMES.includes(name.toLowerCase()))
    throw badRequest(`'${name}' is reserved by Proxmox; pick another name`, 'name');
}

function toDtos(list: ContainerSnapshotList): SnapshotDto[] {
  return list.snapshots.map((s) => ({
    name: s.name,
    description: s.description,
    snaptime: s.snaptime,
    ...(s.parent ? { parent: s.parent } : {}),
    parentOfCurrent: s.name === list.currentParent,
    ...(s.snapstate ? { snapstate: s.snapstate } : {}),
  }));
}

/**
 * Snapshots of a container. PVE checks names, locks and storage inside the task; the console
 * checks what it can first, so those mistakes are a 4xx and never a failed task.
 */
@Injectable()
export class SnapshotsService {
  constructor(
    private readonly proxmox: ProxmoxClient,
    private readonly containers: ContainersService,
    private readonly cached: CachedReadService,
    private readonly cluster: ClusterStateService,
    private readonly activity: ActivityService,
    private readonly reachability: ReachabilityService,
    private readonly permissions: PermissionsService,
  ) {}

  /** Without PVE's synthetic `current` entry; the last known list (stale) while Proxmox is away. */
  async list(vmid: number): Promise<SnapshotDto[]> {
    const guest = await this.containers.locate(vmid);
    const read = await this.cached.read(
      `snapshots/${vmid}`,
      () => this.proxmox.listSnapshots(guest.node, vmid),
      { node: guest.node },
    );
    return toDtos(read.value);
  }

  async create(vmid: number, dto: CreateSnapshotDto): Promise<TaskRefDto> {
    return this.started('snapshot', vmid, await this.startCreateTask(vmid, dto));
  }

  /** Starts the snapshot task without recording it: plans record their whole run as one entry. */
  async startCreateTask(vmid: number, dto: CreateSnapshotDto): Promise<Upid> {
    assertSnapshotName(dto.name);
    const { guest, config, list } = await this.prepare(vmid, ['VM.Snapshot']);
    if (list.snapshots.some((s) => s.name === dto.name))
      throw conflict(`CT ${vmid} already has a snapshot named '${dto.name}'`, 'name');
    await this.assertCanSnapshot(guest, config);
    return this.proxmox.createSnapshot(guest.node, vmid, dto.name, dto.description);
  }

  /** Whether the CT has a snapshot of this name (a plan skips it); read live, never cached. */
  async hasSnapshot(guest: PveGuest, name: string): Promise<boolean> {
    const list = await this.proxmox.listSnapshots(guest.node, guest.vmid);
    return list.snapshots.some((s) => s.name === name);
  }

  async rollback(vmid: number, name: string, start: boolean): Promise<TaskRefDto> {
    const { guest, list } = await this.prepare(vmid, ['VM.Snapshot', 'VM.Snapshot.Rollback']);
    const snap = list.snapshots.find((s) => s.name === name);
    if (!snap) throw notFound(`CT ${vmid} has no snapshot named '${name}'`);
    if (snap.snapstate)
      throw conflict(`Snapshot '${name}' is incomplete (${snap.snapstate}); it cannot be restored`);
    const task = await this.proxmox.rollbackSnapshot(guest.node, vmid, name, start);
    return this.started('rollback', vmid, task);
  }

  async remove(vmid: number, name: string): Promise<TaskRefDto> {
    const { guest, list } = await this.prepare(vmid, ['VM.Snapshot']);
    if (!list.snapshots.some((s) => s.name === name))
      throw notFound(`CT ${vmid} has no snapshot named '${name}'`);
    const task = await this.proxmox.deleteSnapshot(guest.node, vmid, name);
    return this.started('delete-snapshot', vmid, task);
  }

  /**
   * Fresh config and list; 403 when the token lacks any of `privileges` on the CT (the schema's
   * check), 409 naming the lock while a task holds the container.
   */
  private async prepare(
    vmid: number,
    privileges: string[],
  ): Promise<{ guest: PveGuest; config: ContainerConfig; list: ContainerSnapshotList }> {
    this.reachability.assertWritable();
    const guest = await this.containers.locate(vmid);
    this.reachability.assertNodeWritable(guest.node);
    await this.permissions.assertGranted([{ path: `/vms/${vmid}`, privileges }]);
    const [config, list] = await Promise.all([
      this.proxmox.getContainerConfig(guest.node, vmid),
      this.proxmox.listSnapshots(guest.node, vmid),
    ]);
    this.containers.assertUnlocked(vmid, config.lock);
    return { guest, config, list };
  }

  /** PVE's has_feature('snapshot') fails the task with "snapshot feature is not available". */
  private async assertCanSnapshot(guest: PveGuest, config: ContainerConfig): Promise<void> {
    const { storages } = (await this.cluster.snapshot()).resources;
    for (const key of Object.keys(config.raw).filter((k) => k === 'rootfs' || /^mp\d+$/.test(k))) {
      const volume = parsePropertyString(String(config.raw[key]), 'volume').volume ?? '';
      const id = volume.split(':')[0];
      const storage = storages.find((s) => s.node === guest.node && s.storage === id);
      if (storage && NO_CT_SNAPSHOTS.has(storage.type)) {
        throw badRequest(
          `Proxmox cannot snapshot CT ${guest.vmid} ("snapshot feature is not available"): its ${key} is on storage '${id}' (${storage.type}), which cannot snapshot container volumes; LVM-thin, ZFS, Ceph RBD and BTRFS storages can`,
          'name',
        );
      }
    }
  }

  private async started(action: string, vmid: number, task: Upid): Promise<TaskRefDto> {
    this.cluster.invalidate();
    await this.activity.recordTask(action, `ct/${vmid}`, task);
    return { upid: task.upid };
  }
}
