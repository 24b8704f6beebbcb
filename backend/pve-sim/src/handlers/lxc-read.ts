import {
  guestCpus,
  guestLock,
  guestMaxdisk,
  guestMaxmem,
  guestName,
  isTemplate,
  type Guest,
} from '../cluster/model.js';
import { guestBucket, sampleGuest } from '../metrics/guest-metrics.js';
import { nodeBucket } from '../metrics/node-metrics.js';
import { rrdData, type ConsolidationFn, type Timeframe } from '../metrics/rrd.js';
import { paramBool, paramString, type Handler, type RequestContext } from '../server/context.js';
import { hasPrivilege } from '../server/principal.js';
import { configDigest, currentConfig, pendingArray } from './lxc-pending.js';
import { lxcOn, nodeNamed, nodeOf } from './views.js';

function statusFields(ctx: RequestContext, g: Guest): Record<string, unknown> {
  const node = nodeOf(ctx.sim.cluster, g);
  const s = sampleGuest(g, node, ctx.sim.sampleSec());
  const out: Record<string, unknown> = {
    vmid: g.vmid,
    name: guestName(g),
    type: 'lxc',
    status: g.status,
    template: isTemplate(g) ? 1 : 0,
    ...s,
  };
  if (g.config.tags !== undefined) out.tags = String(g.config.tags);
  const lock = guestLock(g);
  if (lock) out.lock = lock;
  if (g.status === 'running') out.pid = g.pid;
  return out;
}

export const listLxc: Handler = (ctx) => {
  const node = nodeNamed(ctx);
  return ctx.sim.cluster
    .guestsOn(node.name)
    .filter((g) => g.type === 'lxc' && hasPrivilege(ctx.principal, `/vms/${g.vmid}`, 'VM.Audit'))
    .map((g) => statusFields(ctx, g));
};

export const lxcStatusCurrent: Handler = (ctx) => {
  const g = lxcOn(ctx);
  // PVE::HA::Config::get_service_status: {managed => 0}, or managed with the CRM's service state
  const ha = g.ha ? { managed: 1, state: g.ha.state } : { managed: 0 };
  return { ...statusFields(ctx, g), ha };
};

/** API2/LXC/Config.pm vm_config: pending values taken in unless `current=1`. */
export const lxcConfig: Handler = (ctx) => {
  const g = lxcOn(ctx);
  return { ...currentConfig(g, paramBool(ctx, 'current')), digest: configDigest(g) };
};

export const lxcPending: Handler = (ctx) => pendingArray(lxcOn(ctx));

function rrdArgs(ctx: RequestContext): [Timeframe, ConsolidationFn] {
  return [
    paramString(ctx, 'timeframe') as Timeframe,
    (paramString(ctx, 'cf') ?? 'AVERAGE') as ConsolidationFn,
  ];
}

export const lxcRrdData: Handler = (ctx) => {
  const g = lxcOn(ctx);
  const node = nodeOf(ctx.sim.cluster, g);
  const [timeframe, cf] = rrdArgs(ctx);
  const maxes = { maxcpu: guestCpus(g, node), maxmem: guestMaxmem(g), maxdisk: guestMaxdisk(g) };
  return rrdData(
    timeframe,
    cf,
    ctx.sim.nowSec(),
    (t0, t1, c) => guestBucket(g, node, t0, t1, c),
    maxes,
    { layout: ctx.sim.release.rrd, pve2Until: node.upgradedAt },
  );
};

export const nodeRrdData: Handler = (ctx) => {
  const node = nodeNamed(ctx);
  const [timeframe, cf] = rrdArgs(ctx);
  const maxes = {
    maxcpu: node.cpus,
    memtotal: node.memory,
    swaptotal: node.swap,
    roottotal: node.rootfs,
  };
  return rrdData(
    timeframe,
    cf,
    ctx.sim.nowSec(),
    (t0, t1, c) => nodeBucket(node, t0, t1, c),
    maxes,
    { layout: ctx.sim.release.rrd, pve2Until: node.upgradedAt },
  );
};
