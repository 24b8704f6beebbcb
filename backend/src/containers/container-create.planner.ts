import { Injectable } from '@nestjs/common';
import type { ClusterSnapshot } from '../cache/cluster-state.service.js';
import { badRequest, conflict, DomainError } from '../common/domain-errors.js';
import { NamesService } from '../names/names.service.js';
import { buildNetString } from '../proxmox/property-string.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import { ProxmoxError } from '../proxmox/proxmox.errors.js';
import type { CreateContainerParams, PveNode, PveStorage } from '../proxmox/proxmox.types.js';
import { assertFeatureFlagsAllowed } from './container-features.js';
import type { CreateContainerDto } from './dto/create-container.dto.js';
import { checkGateways } from './dto/network-rules.js';

export const CREATE_DEFAULTS = { cores: 1, memory: 512, swap: 512, disk: 8, bridge: 'vmbr0' };
const GIB = 1024 ** 3;

export interface CreatePlan {
  node: string;
  params: CreateContainerParams;
  /** true when the vmid came from /cluster/nextid and may be retried on a race */
  vmidChosen: boolean;
}

/**
 * Turns the console's create request into PVE parameters, checking everything that can be checked
 * before Proxmox is asked to do anything: node, vmid, hostname, template, storage and its free space.
 */
@Injectable()
export class ContainerCreatePlanner {
  constructor(
    private readonly proxmox: ProxmoxClient,
    private readonly names: NamesService,
  ) {}

  async plan(dto: CreateContainerDto, snapshot: ClusterSnapshot): Promise<CreatePlan> {
    checkGateways(dto);
    assertFeatureFlagsAllowed(dto);
    const node = pickNode(dto.node, snapshot.resources.nodes);
    const hostname = await this.resolveHostname(dto.hostname);
    const vmid = dto.vmid ?? (await this.proxmox.getNextId());
    if (dto.vmid !== undefined && !(await this.proxmox.isVmidFree(dto.vmid))) {
      throw conflict(`vmid ${dto.vmid} is already in use in the cluster`, 'vmid');
    }
    const storage = await this.resolveStorage(node.node, dto);
    await this.checkTemplate(node.node, dto.template);
    return {
      node: node.node,
      params: buildParams(dto, vmid, hostname, storage),
      vmidChosen: dto.vmid === undefined,
    };
  }

  private async resolveHostname(hostname: string | undefined): Promise<string> {
    if (hostname === undefined) return this.names.suggest();
    const check = await this.names.check(hostname);
    if (!check.available) throw conflict(`hostname '${hostname}' is ${check.reason}`, 'hostname');
    return hostname;
  }

  private async resolveStorage(node: string, dto: CreateContainerDto): Promise<string> {
    const storages = (await this.proxmox.listStorages(node, 'rootdir')).filter(
      (s) => s.enabled && s.content.includes('rootdir'),
    );
    const chosen = dto.storage
      ? storages.find((s) => s.storage === dto.storage)
      : storages.find((s) => s.active);
    if (!chosen) {
      const names = storages.map((s) => s.storage).join(', ') || 'none';
      const what = dto.storage
        ? `Storage '${dto.storage}' cannot hold containers on ${node}`
        : `Node ${node} has no storage for containers`;
      throw badRequest(`${what} (usable: ${names})`, 'storage');
    }
    checkFreeSpace(chosen, dto.disk ?? CREATE_DEFAULTS.disk);
    return chosen.storage;
  }

  private async checkTemplate(node: string, volid: string): Promise<void> {
    const storage = volid.split(':')[0];
    const content = await this.proxmox
      .listStorageContent(node, storage, 'vztmpl')
      .catch((error: unknown) => {
        if (error instanceof ProxmoxError && error.code === 'not-found') return [];
        throw error;
      });
    if (!content.some((c) => c.volid === volid)) {
      throw badRequest(
        `Template ${volid} is not on node ${node}; download it first (POST /api/templates/download)`,
        'template',
      );
    }
  }
}

function pickNode(wanted: string | undefined, nodes: PveNode[]): PveNode {
  if (wanted) {
    const node = nodes.find((n) => n.node === wanted);
    if (!node) throw badRequest(`Node '${wanted}' is not part of this cluster`, 'node');
    if (node.status !== 'online') {
      throw new DomainError(
        'unavailable',
        `Node ${wanted} is ${node.status}; pick an online node`,
        { node: 'offline' },
      );
    }
    return node;
  }
  const online = nodes.filter((n) => n.status === 'online');
  if (online.length === 0) throw new DomainError('unavailable', 'No node of the cluster is online');
  return online.reduce((best, n) => (n.maxmem - n.mem > best.maxmem - best.mem ? n : best));
}

function checkFreeSpace(storage: PveStorage, diskGib: number): void {
  if (storage.avail < diskGib * GIB) {
    const free = (storage.avail / GIB).toFixed(1);
    throw badRequest(
      `Storage ${storage.storage} on ${storage.node} has ${free} GiB free, less than the ${diskGib} GiB disk`,
      'disk',
    );
  }
}

function buildParams(
  dto: CreateContainerDto,
  vmid: number,
  hostname: string,
  storage: string,
): CreateContainerParams {
  // keyctl never gets here: assertFeatureFlagsAllowed refused it
  const features = dto.nesting ? 'nesting=1' : '';
  const params: CreateContainerParams = {
    vmid,
    ostemplate: dto.template,
    hostname,
    cores: dto.cores ?? CREATE_DEFAULTS.cores,
    memory: dto.memory ?? CREATE_DEFAULTS.memory,
    swap: dto.swap ?? CREATE_DEFAULTS.swap,
    rootfs: `${storage}:${dto.disk ?? CREATE_DEFAULTS.disk}`,
    net0: buildNetString({
      name: 'eth0',
      bridge: dto.bridge ?? CREATE_DEFAULTS.bridge,
      ip: dto.ip ?? 'dhcp',
      gw: dto.gateway,
      ip6: dto.ip6,
      gw6: dto.gateway6,
      tag: dto.vlan,
    }),
    unprivileged: dto.unprivileged ?? true,
    onboot: dto.onboot ?? false,
    start: dto.start ?? false,
  };
  if (features) params.features = features;
  if (dto.password) params.password = dto.password;
  if (dto.sshKeys) params['ssh-public-keys'] = dto.sshKeys.trim();
  if (dto.tags?.length) params.tags = dto.tags.join(';');
  if (dto.description) params.description = dto.description;
  return params;
}
