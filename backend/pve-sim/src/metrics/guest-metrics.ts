import {
  guestCpus,
  guestMaxdisk,
  guestMaxmem,
  guestMaxswap,
  type Guest,
  type SimNode,
} from '../cluster/model.js';
import { integral, maxOver, meanOver, valueAt, type Curve } from './load-curve.js';
import type { ConsolidationFn } from './rrd.js';

export interface GuestSample {
  cpu: number;
  cpus: number;
  mem: number;
  maxmem: number;
  swap: number;
  maxswap: number;
  disk: number;
  maxdisk: number;
  netin: number;
  netout: number;
  diskread: number;
  diskwrite: number;
  uptime: number;
  pressurecpusome: number;
  pressureiosome: number;
  pressureiofull: number;
  pressurememorysome: number;
  pressurememoryfull: number;
}

const COUNTERS = ['netin', 'netout', 'diskread', 'diskwrite'] as const;

export function isRunningAt(g: Guest, t: number): boolean {
  return g.runs.some((r) => r.from <= t && (r.to === undefined || t < r.to));
}

const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

const STOPPED = {
  cpu: 0,
  mem: 0,
  swap: 0,
  disk: 0,
  netin: 0,
  netout: 0,
  diskread: 0,
  diskwrite: 0,
  uptime: 0,
  pressurecpusome: 0,
  pressureiosome: 0,
  pressureiofull: 0,
  pressurememorysome: 0,
  pressurememoryfull: 0,
};

/** What pvestatd would have reported for the guest at sample time `t` (epoch seconds). */
export function sampleGuest(g: Guest, node: SimNode, t: number): GuestSample {
  const max = {
    cpus: guestCpus(g, node),
    maxmem: guestMaxmem(g),
    maxswap: guestMaxswap(g),
    maxdisk: guestMaxdisk(g),
  };
  const running = g.status === 'running' && isRunningAt(g, t) && t >= g.bootAt;
  if (!running) return { ...STOPPED, ...max };
  const p = g.profile;
  const pressure = valueAt(p.pressure, t) * 100;
  const s: GuestSample = {
    ...max,
    cpu: valueAt(p.cpu, t),
    mem: Math.round(valueAt(p.mem, t) * max.maxmem),
    swap: Math.round(valueAt(p.swap, t) * max.maxswap),
    disk: Math.round(valueAt(p.disk, t) * max.maxdisk),
    netin: 0,
    netout: 0,
    diskread: 0,
    diskwrite: 0,
    uptime: Math.floor(t - g.bootAt),
    pressurecpusome: round4(pressure),
    pressureiosome: round4(pressure / 2),
    pressureiofull: round4(pressure / 3),
    pressurememorysome: round4(pressure / 4),
    pressurememoryfull: round4(pressure / 5),
  };
  for (const k of COUNTERS) s[k] = Math.floor(integral(p[k], g.bootAt, t));
  return s;
}

function consolidate(curve: Curve, t0: number, t1: number, cf: ConsolidationFn): number {
  return cf === 'MAX' ? maxOver(curve, t0, t1) : meanOver(curve, t0, t1);
}

/** One rrddata bucket for a guest, with the data sources of pve-vm-9.0. */
export function guestBucket(
  g: Guest,
  node: SimNode,
  t0: number,
  t1: number,
  cf: ConsolidationFn,
): Record<string, number> {
  if (t0 < g.createdAt) return {};
  const maxmem = guestMaxmem(g);
  const maxdisk = guestMaxdisk(g);
  const point: Record<string, number> = { maxcpu: guestCpus(g, node), maxmem, maxdisk };
  const zero = !isRunningAt(g, (t0 + t1) / 2);
  const p = g.profile;
  point.cpu = zero ? 0 : consolidate(p.cpu, t0, t1, cf);
  point.mem = zero ? 0 : consolidate(p.mem, t0, t1, cf) * maxmem;
  point.memhost = point.mem;
  point.disk = zero ? 0 : consolidate(p.disk, t0, t1, cf) * maxdisk;
  for (const k of COUNTERS) point[k] = zero ? 0 : consolidate(p[k], t0, t1, cf);
  point.pressurecpusome = zero ? 0 : consolidate(p.pressure, t0, t1, cf) * 100;
  point.pressurememorysome = zero ? 0 : point.pressurecpusome / 4;
  return point;
}
