import { Injectable } from '@nestjs/common';
import { CachedReadService } from '../cache/cached-read.service.js';
import { ClusterStateService } from '../cache/cluster-state.service.js';
import { notFound } from '../common/domain-errors.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import type { ClusterResources, PveNode, PveStorage } from '../proxmox/proxmox.types.js';
import { freshnessOf } from '../common/freshness.dto.js';
import type { NodeDto, NodeListDto, StorageDto, StorageListDto } from './dto/node.dto.js';

@Injectable()
export class NodesService {
  constructor(
    private readonly cluster: ClusterStateService,
    private readonly proxmox: ProxmoxClient,
    private readonly cached: CachedReadService,
  ) {}

  async listNodes(): Promise<NodeListDto> {
    const snapshot = await this.cluster.snapshot();
    return { items: toNodeItems(snapshot.resources), ...freshnessOf(snapshot) };
  }

  async listNodeStorages(node: string, content?: string): Promise<StorageListDto> {
    await this.requireNode(node);
    const read = await this.cached.read(`storages/${node}/${content ?? ''}`, () =>
      this.proxmox.listStorages(node, content),
    );
    const items = read.value.map(toStorageDto).sort((a, b) => a.storage.localeCompare(b.storage));
    return { items, ...freshnessOf(read) };
  }

  /** The node as Proxmox reports it; 404 when the cluster has no such node. */
  async requireNode(node: string): Promise<PveNode> {
    const { resources } = await this.cluster.snapshot();
    const found = resources.nodes.find((n) => n.node === node);
    if (!found) {
      const known = resources.nodes.map((n) => n.node).join(', ');
      throw notFound(`Node '${node}' is not part of this cluster (nodes: ${known})`);
    }
    return found;
  }
}

/** The nodes of one cluster state with their container counts, by name. */
export function toNodeItems(resources: ClusterResources): NodeDto[] {
  const counts = new Map<string, number>();
  for (const g of resources.guests) {
    if (g.type === 'lxc') counts.set(g.node, (counts.get(g.node) ?? 0) + 1);
  }
  return resources.nodes
    .map((n) => toNodeDto(n, counts.get(n.node) ?? 0))
    .sort((a, b) => a.node.localeCompare(b.node));
}

export function toNodeDto(n: PveNode, containers: number): NodeDto {
  return {
    node: n.node,
    status: n.status,
    cpu: n.cpu,
    maxcpu: n.maxcpu,
    mem: n.mem,
    maxmem: n.maxmem,
    disk: n.disk,
    maxdisk: n.maxdisk,
    uptime: n.uptime,
    containers,
  };
}

export function toStorageDto(s: PveStorage): StorageDto {
  return {
    storage: s.storage,
    node: s.node,
    type: s.type,
    content: s.content,
    total: s.total,
    used: s.used,
    avail: s.avail,
    shared: s.shared,
    active: s.active,
  };
}
