import type { PveGuest, PveNode, RrdPoint } from '../proxmox/proxmox.types.js';
import type { Rates } from './counter-rates.js';
import type { SampleRow } from './analytics.types.js';

/** A container sample from its /cluster/resources entry and the rates computed for it. */
export function containerSample(g: PveGuest, t: number, step: number, rates: Rates): SampleRow {
  const up = g.status === 'running' ? 1 : 0;
  return {
    id: g.vmid,
    t,
    step,
    up,
    cpu: g.cpu,
    mem: g.mem,
    disk: g.disk,
    ...wholeRates(rates),
    maxcpu: g.maxcpu,
    maxmem: g.maxmem,
    maxdisk: g.maxdisk,
  };
}

/**
 * A node sample. /cluster/resources has no network or disk-I/O counters for nodes, so the
 * collector fills them with the sum of the node's container rates (passed in) instead of asking
 * every node for its status each cycle.
 */
export function nodeSample(n: PveNode, t: number, step: number, guestRates: Rates): SampleRow {
  return {
    id: n.node,
    t,
    step,
    up: n.status === 'online' ? 1 : 0,
    cpu: n.cpu,
    mem: n.mem,
    disk: n.disk,
    ...wholeRates(guestRates),
    maxcpu: n.maxcpu,
    maxmem: n.maxmem,
    maxdisk: n.maxdisk,
  };
}

/** Whole bytes: SQLite stores integral REALs as compact integers (see analytics-sql.ts). */
const num = (v: number | undefined): number | null => (v === undefined ? null : Math.round(v));
const whole = (v: number | null): number | null => (v === null ? null : Math.round(v));

function wholeRates(r: Rates): Rates {
  return {
    netin: whole(r.netin),
    netout: whole(r.netout),
    diskread: whole(r.diskread),
    diskwrite: whole(r.diskwrite),
  };
}

/** A container RRD point (rates already per second); undefined when it holds no measurement. */
export function containerRrdSample(vmid: number, p: RrdPoint, step: number): SampleRow | undefined {
  if (p.cpu === undefined) return undefined;
  return {
    id: vmid,
    t: p.time,
    step,
    up: (p.mem ?? 0) > 0 ? 1 : 0,
    cpu: p.cpu,
    mem: num(p.mem),
    disk: num(p.disk),
    netin: num(p.netin),
    netout: num(p.netout),
    diskread: num(p.diskread),
    diskwrite: num(p.diskwrite),
    maxcpu: p.maxcpu ?? null,
    maxmem: num(p.maxmem),
    maxdisk: num(p.maxdisk),
  };
}

/** A node RRD point: PVE names memory and root-disk sources differently for nodes. */
export function nodeRrdSample(node: string, p: RrdPoint, step: number): SampleRow | undefined {
  if (p.cpu === undefined) return undefined;
  return {
    id: node,
    t: p.time,
    step,
    up: 1,
    cpu: p.cpu,
    mem: num(p.memused),
    disk: num(p.rootused),
    netin: num(p.netin),
    netout: num(p.netout),
    diskread: null,
    diskwrite: null,
    maxcpu: p.maxcpu ?? null,
    maxmem: num(p.memtotal),
    maxdisk: num(p.roottotal),
  };
}
