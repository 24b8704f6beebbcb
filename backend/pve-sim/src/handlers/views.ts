import {
  guestLock,
  guestName,
  isTemplate,
  type Guest,
  type SimNode,
  type StorageDef,
} from '../cluster/model.js';
import type { Cluster } from '../cluster/cluster.js';
import { sampleGuest } from '../metrics/guest-metrics.js';
import { sampleNode } from '../metrics/node-metrics.js';
import { PveError, type RequestContext } from '../server/context.js';

/** The guest's node; an offline node's guests are reported with status `unknown`. */
export function nodeOf(cluster: Cluster, g: Guest): SimNode {
  const node = cluster.nodes.get(g.node);
  if (!node) throw new Error(`guest ${g.vmid} on unknown node ${g.node}`);
  return node;
}

/**
 * A guest as /cluster/resources lists it at pvestatd tick `t`. PVE builds the entry from the
 * vmlist plus the guest's RRD status line (pve-manager PVE::API2Tools::extract_vm_stats): a guest
 * created after the last pvestatd run (up to 10 s) has no such line yet, so it is listed as
 * `status: 'unknown'` with no name and no figures, only lock, tags and pool from its config.
 */
export function guestResource(cluster: Cluster, g: Guest, t: number): Record<string, unknown> {
  const node = nodeOf(cluster, g);
  if (g.createdAt > t)
    return withConfigProps(g, {
      id: `${g.type}/${g.vmid}`,
      vmid: g.vmid,
      node: g.node,
      type: g.type,
      status: 'unknown',
    });
  const s = sampleGuest(g, node, t);
  const entry: Record<string, unknown> = {
    id: `${g.type}/${g.vmid}`,
    type: g.type,
    vmid: g.vmid,
    node: g.node,
    name: guestName(g),
    status: node.online ? g.status : 'unknown',
    template: isTemplate(g) ? 1 : 0,
    cpu: s.cpu,
    maxcpu: s.cpus,
    mem: s.mem,
    maxmem: s.maxmem,
    disk: s.disk,
    maxdisk: s.maxdisk,
    netin: s.netin,
    netout: s.netout,
    diskread: s.diskread,
    diskwrite: s.diskwrite,
    uptime: s.uptime,
  };
  return withConfigProps(g, entry);
}

/**
 * `lock` and `tags` come from the guest's config, `pool` from user.cfg, `hastate` from the HA
 * manager's service status (pve-manager API2/Cluster.pm resources).
 */
function withConfigProps(g: Guest, entry: Record<string, unknown>): Record<string, unknown> {
  if (g.config.tags !== undefined) entry.tags = String(g.config.tags);
  if (g.pool) entry.pool = g.pool;
  if (g.ha) entry.hastate = g.ha.state;
  const lock = guestLock(g);
  if (lock) entry.lock = lock;
  return entry;
}

/** A node as /cluster/resources lists it; an offline node keeps only its static fields. */
export function nodeResource(n: SimNode, t: number): Record<string, unknown> {
  const s = sampleNode(n, t);
  const entry: Record<string, unknown> = {
    id: `node/${n.name}`,
    type: 'node',
    node: n.name,
    status: n.online ? 'online' : 'offline',
    level: '',
    'cgroup-mode': 2,
    maxcpu: s.maxcpu,
    maxmem: s.maxmem,
    maxdisk: s.maxdisk,
  };
  if (n.online) Object.assign(entry, { cpu: s.cpu, mem: s.mem, disk: s.disk, uptime: s.uptime });
  return entry;
}

export function storageResource(
  cluster: Cluster,
  n: SimNode,
  s: StorageDef,
): Record<string, unknown> {
  const usage = cluster.storageUsage(n.name, s);
  return {
    id: `storage/${n.name}/${s.storage}`,
    type: 'storage',
    node: n.name,
    storage: s.storage,
    status: n.online ? 'available' : 'unknown',
    plugintype: s.type,
    content: s.content.join(','),
    shared: 0,
    disk: usage.used,
    maxdisk: usage.total,
  };
}

/** A CT on `node`, or the error PVE gives when its config file is not on that node. */
export function lxcOn(ctx: RequestContext): Guest {
  const node = String(ctx.values.node);
  const vmid = Number(ctx.values.vmid);
  const g = ctx.sim.cluster.guests.get(vmid);
  if (!g || g.type !== 'lxc' || g.node !== node) {
    throw new PveError(500, `Configuration file 'nodes/${node}/lxc/${vmid}.conf' does not exist`);
  }
  return g;
}

export function nodeNamed(ctx: RequestContext): SimNode {
  const name = String(ctx.values.node);
  const node = ctx.sim.cluster.nodes.get(name);
  if (!node) throw new PveError(500, `no such node '${name}'`);
  return node;
}

export function assertUnlocked(g: Guest): void {
  const lock = guestLock(g);
  if (lock) throw new PveError(500, `CT is locked (${lock})`);
}
