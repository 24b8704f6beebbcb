import type {
  ContainerConfig,
  ContainerPendingItem,
  ContainerStatus,
  PveGuest,
} from '../proxmox/proxmox.types.js';
import type {
  ContainerConfigDto,
  ContainerDetailDto,
  ContainerNetworkDto,
  ContainerSummaryDto,
} from './dto/container.dto.js';

export function toContainerSummary(g: PveGuest): ContainerSummaryDto {
  const dto: ContainerSummaryDto = {
    vmid: g.vmid,
    name: g.name,
    node: g.node,
    status: g.status,
    cpu: g.cpu,
    maxcpu: g.maxcpu,
    mem: g.mem,
    maxmem: g.maxmem,
    disk: g.disk,
    maxdisk: g.maxdisk,
    netin: g.netin,
    netout: g.netout,
    diskread: g.diskread,
    diskwrite: g.diskwrite,
    uptime: g.uptime,
    tags: g.tags,
    template: g.template,
  };
  if (g.lock) dto.lock = g.lock;
  if (g.pool) dto.pool = g.pool;
  if (g.hastate) dto.hastate = g.hastate;
  return dto;
}

function toNetwork(key: string, o: Record<string, string>): ContainerNetworkDto {
  const dto: ContainerNetworkDto = { key, name: o.name ?? key, firewall: o.firewall === '1' };
  for (const k of ['bridge', 'ip', 'gw', 'ip6', 'gw6', 'hwaddr'] as const) {
    if (o[k] !== undefined) dto[k] = o[k];
  }
  if (o.tag !== undefined) dto.tag = Number(o.tag);
  if (o.rate !== undefined) dto.rate = Number(o.rate);
  if (o.mtu !== undefined) dto.mtu = Number(o.mtu);
  return dto;
}

export function toContainerConfigDto(c: ContainerConfig): ContainerConfigDto {
  return {
    hostname: c.hostname,
    ostype: c.ostype,
    arch: c.arch,
    cores: c.cores,
    memory: c.memory,
    swap: c.swap,
    cpulimit: c.cpulimit,
    unprivileged: c.unprivileged,
    onboot: c.onboot,
    protection: c.protection,
    description: c.description,
    nameserver: c.nameserver,
    searchdomain: c.searchdomain,
    features: c.features,
    rootfs: c.rootfs?.volume,
    rootfsSize: c.rootfs?.size,
    networks: c.nets.map((n) => toNetwork(n.key, n.options)),
    digest: c.digest,
  };
}

/** Live status from status/current, merged with the node the cluster placed it on. */
export function toContainerDetail(
  status: ContainerStatus,
  config: ContainerConfig,
  node: string,
  pending: ContainerPendingItem[] = [],
): ContainerDetailDto {
  return {
    ...toContainerSummary({ ...status, node }),
    stale: false,
    fetchedAt: new Date().toISOString(),
    swap: status.swap,
    maxswap: status.maxswap,
    config: toContainerConfigDto(config),
    partial: false,
    pending: pending.filter((p) => p.pending !== undefined || p.delete),
  };
}

/**
 * What the cluster list alone says about a container whose own status and config were never
 * read: always stale (its detail could not be read now), with the parts only they give as null.
 */
export function toPartialDetail(guest: PveGuest, fetchedAt: number): ContainerDetailDto {
  return {
    ...toContainerSummary(guest),
    stale: true,
    fetchedAt: new Date(fetchedAt).toISOString(),
    swap: null,
    maxswap: null,
    config: null,
    partial: true,
    pending: [],
  };
}

/** Text search over name, vmid and tags; every word must match. */
export function matchesQuery(c: ContainerSummaryDto, q: string): boolean {
  const hay = `${c.vmid} ${c.name} ${c.tags.join(' ')} ${c.node}`.toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}
