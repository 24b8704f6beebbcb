import type { SimNode } from '../cluster/model.js';
import { maxOver, meanOver, valueAt, type Curve } from './load-curve.js';
import type { ConsolidationFn } from './rrd.js';

export interface NodeSample {
  cpu: number;
  maxcpu: number;
  iowait: number;
  mem: number;
  maxmem: number;
  swap: number;
  maxswap: number;
  disk: number;
  maxdisk: number;
  uptime: number;
  loadavg: [number, number, number];
}

export function sampleNode(n: SimNode, t: number): NodeSample {
  const p = n.profile;
  const cpu = n.online ? valueAt(p.cpu, t) : 0;
  return {
    cpu,
    maxcpu: n.cpus,
    iowait: n.online ? valueAt(p.iowait, t) : 0,
    mem: n.online ? Math.round(valueAt(p.mem, t) * n.memory) : 0,
    maxmem: n.memory,
    swap: n.online ? Math.round(valueAt(p.swap, t) * n.swap) : 0,
    maxswap: n.swap,
    disk: Math.round(valueAt(p.rootfs, t) * n.rootfs),
    maxdisk: n.rootfs,
    uptime: n.online ? Math.max(0, Math.floor(t - n.bootAt)) : 0,
    loadavg: [cpu, meanOver(p.cpu, t - 300, t), meanOver(p.cpu, t - 900, t)].map(
      (v) => Math.round(v * n.cpus * 100) / 100,
    ) as [number, number, number],
  };
}

function consolidate(curve: Curve, t0: number, t1: number, cf: ConsolidationFn): number {
  return cf === 'MAX' ? maxOver(curve, t0, t1) : meanOver(curve, t0, t1);
}

/** One rrddata bucket for a node, with the data sources of pve-node-9.0 (no ZFS, so no arcsize). */
export function nodeBucket(
  n: SimNode,
  t0: number,
  t1: number,
  cf: ConsolidationFn,
): Record<string, number> {
  if (t0 < n.installedAt) return {};
  const p = n.profile;
  const cpu = consolidate(p.cpu, t0, t1, cf);
  const memused = consolidate(p.mem, t0, t1, cf) * n.memory;
  return {
    loadavg: cpu * n.cpus,
    maxcpu: n.cpus,
    cpu,
    iowait: consolidate(p.iowait, t0, t1, cf),
    memtotal: n.memory,
    memused,
    memavailable: n.memory - memused,
    swaptotal: n.swap,
    swapused: consolidate(p.swap, t0, t1, cf) * n.swap,
    roottotal: n.rootfs,
    rootused: consolidate(p.rootfs, t0, t1, cf) * n.rootfs,
    netin: consolidate(p.netin, t0, t1, cf),
    netout: consolidate(p.netout, t0, t1, cf),
  };
}
