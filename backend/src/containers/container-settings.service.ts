import { Injectable } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service.js';
import { ClusterStateService } from '../cache/cluster-state.service.js';
import { ReachabilityService } from '../cache/reachability.service.js';
import { badRequest, conflict } from '../common/domain-errors.js';
import { parsePropertyString } from '../proxmox/property-string.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import { ProxmoxError } from '../proxmox/proxmox.errors.js';
import { DatacenterService } from '../datacenter/datacenter.service.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import type { ContainerConfig, PveGuest } from '../proxmox/proxmox.types.js';
import type { TaskRefDto } from '../tasks/dto/task.dto.js';
import {
  type ConfigChange,
  planConfigChange,
  privilegesForChange,
} from './container-config-change.js';
import { ContainersService } from './containers.service.js';
import type { ContainerDetailDto } from './dto/container.dto.js';
import type { ResizeDiskDto, UpdateContainerDto } from './dto/update-container.dto.js';

const UNITS = 'KMGT';

/** '8G', '512M', '1073741824' (bytes, as PVE::JSONSchema::parse_size reads a bare number). */
export function sizeInBytes(size: string): number {
  const m = /^\+?(\d+(?:\.\d+)?)([KMGT])?$/.exec(size);
  if (!m) return NaN;
  return Number(m[1]) * 1024 ** (m[2] ? UNITS.indexOf(m[2]) + 1 : 0);
}

const digestConflict = (vmid: number): Error =>
  conflict(
    `The settings of CT ${vmid} changed since you loaded them (someone else saved first); reload them and apply your change again`,
    'digest',
  );

/** Changes a container after it exists: settings (PUT .../config) and disk size (resize). */
@Injectable()
export class ContainerSettingsService {
  constructor(
    private readonly proxmox: ProxmoxClient,
    private readonly containers: ContainersService,
    private readonly cluster: ClusterStateService,
    private readonly activity: ActivityService,
    private readonly reachability: ReachabilityService,
    private readonly permissions: PermissionsService,
    private readonly datacenter: DatacenterService,
  ) {}

  /**
   * Sends only what differs from the config the caller saw (`digest`), so two concurrent edits
   * cannot silently overwrite each other. Proxmox applies it synchronously; what a running CT
   * cannot take live stays pending (shown in the detail's `pending`).
   */
  async update(vmid: number, dto: UpdateContainerDto): Promise<ContainerDetailDto> {
    const { guest, config } = await this.writableConfig(vmid);
    if (dto.digest !== undefined && dto.digest !== config.digest) throw digestConflict(vmid);
    const change = await this.apply(guest, config, dto);
    if (change) {
      await this.activity.recordDone('configure', `ct/${vmid}`, guest.node, describe(change));
    }
    return this.containers.getContainer(vmid);
  }

  /**
   * Adds and removes tags against the config as it is now (a plan's target may have been retagged
   * since the plan was made), without recording it: plans record their run as one entry.
   * False when the tags were already so.
   */
  async retag(vmid: number, retag: (current: string[]) => string[]): Promise<boolean> {
    const { guest, config } = await this.writableConfig(vmid);
    const current = String(config.raw.tags ?? '')
      .split(/[;,\s]+/)
      .filter(Boolean);
    return (await this.apply(guest, config, { tags: retag(current) })) !== undefined;
  }

  /** The minimal change, checked against the token's privileges and sent; undefined if none. */
  private async apply(
    guest: PveGuest,
    config: ContainerConfig,
    dto: UpdateContainerDto,
  ): Promise<ConfigChange | undefined> {
    // tags are compared (and sent) as PVE will store them under the datacenter's tag-style
    const tagStyle = dto.tags === undefined ? undefined : (await this.datacenter.tagStyle()).value;
    const change = planConfigChange(dto, config, tagStyle);
    const keys = [...Object.keys(change.set), ...change.delete];
    if (keys.length === 0) return undefined;
    await this.permissions.assertGranted(privilegesForChange(guest.vmid, change, config.raw));
    await this.put(guest, config, change);
    this.cluster.invalidate();
    return change;
  }

  /** PVE grows disks only: a smaller absolute size is refused here, before Proxmox is asked. */
  async resize(vmid: number, dto: ResizeDiskDto): Promise<TaskRefDto> {
    const { guest, config } = await this.writableConfig(vmid);
    const volume = config.raw[dto.disk];
    if (volume === undefined) throw badRequest(`CT ${vmid} has no disk ${dto.disk}`, 'disk');
    const current = parsePropertyString(String(volume), 'volume').size ?? '0';
    if (!dto.size.startsWith('+')) {
      const [want, have] = [sizeInBytes(dto.size), sizeInBytes(current)];
      if (want < have)
        throw badRequest(
          `Proxmox only grows disks: ${dto.disk} is ${current}, so ${dto.size} would shrink it; give a larger size or +N to grow by N`,
          'size',
        );
      if (want === have) throw badRequest(`${dto.disk} is already ${current}`, 'size');
    }
    // resize_vm: VM.Config.Disk (schema), VM.Config.Options (its disk/size parameters go through
    // check_ct_modify_config_perm), Datastore.AllocateSpace on the volume's storage
    const storage = String(volume).split(':')[0];
    await this.permissions.assertGranted([
      { path: `/vms/${vmid}`, privileges: ['VM.Config.Disk'] },
      { path: `/vms/${vmid}`, privileges: ['VM.Config.Options'] },
      { path: `/storage/${storage}`, privileges: ['Datastore.AllocateSpace'] },
    ]);
    const task = await this.proxmox.resizeContainerDisk(
      guest.node,
      vmid,
      dto.disk,
      dto.size,
      config.digest,
    );
    this.cluster.invalidate();
    await this.activity.recordTask('resize', `ct/${vmid}`, task);
    return { upid: task.upid };
  }

  /** The CT's current config read fresh, refused with 409 while a lock is held. */
  private async writableConfig(
    vmid: number,
  ): Promise<{ guest: PveGuest; config: ContainerConfig }> {
    this.reachability.assertWritable();
    const guest = await this.containers.locate(vmid);
    this.reachability.assertNodeWritable(guest.node);
    const config = await this.proxmox.getContainerConfig(guest.node, vmid);
    this.containers.assertUnlocked(vmid, config.lock);
    return { guest, config };
  }

  private async put(guest: PveGuest, config: ContainerConfig, change: ConfigChange): Promise<void> {
    try {
      await this.proxmox.updateContainerConfig(guest.node, guest.vmid, {
        ...change.set,
        delete: change.delete.length ? change.delete.join(',') : undefined,
        digest: config.digest,
      });
    } catch (error) {
      if (error instanceof ProxmoxError && /detected modified configuration/.test(error.message))
        throw digestConflict(guest.vmid);
      throw error;
    }
  }
}

function describe(change: ConfigChange): string {
  const set = Object.entries(change.set).map(([k, v]) => `${k}=${v}`);
  const removed = change.delete.map((k) => `-${k}`);
  return [...set, ...removed].join(' ').slice(0, 500);
}
