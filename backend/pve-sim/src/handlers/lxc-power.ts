import type { Guest } from '../cluster/model.js';
import { hashSeed } from '../metrics/load-curve.js';
import { PveError, paramBool, type Handler, type SimContext } from '../server/context.js';
import { principalName } from '../server/principal.js';
import { DURATION_MS } from './durations.js';
import { applyAllPending } from './lxc-pending.js';
import { assertUnlocked, lxcOn, nodeOf } from './views.js';

/**
 * The CT is up: counters restart from zero and a new run interval begins. Pending config changes
 * are applied first (PVE::LXC::vm_start -> vmconfig_apply_pending).
 */
export function bootGuest(sim: SimContext, g: Guest): void {
  applyAllPending(g);
  const now = sim.nowSec();
  g.status = 'running';
  g.bootAt = now;
  g.runs.push({ from: now });
  g.pid = 1000 + (hashSeed(sim.cluster.seed, `pid/${g.vmid}/${now}`) % 3_000_000);
  sim.cluster.version++;
}

/** The lxc-pve-poststop-hook applies pending config changes once the CT is down. */
export function haltGuest(sim: SimContext, g: Guest): void {
  applyAllPending(g);
  const last = g.runs.at(-1);
  if (last && last.to === undefined) last.to = sim.nowSec();
  g.status = 'stopped';
  g.pid = 0;
  sim.cluster.version++;
}

export const deleteLxc: Handler = (ctx) => {
  const { cluster } = ctx.sim;
  const g = lxcOn(ctx);
  assertUnlocked(g);
  if (Number(g.config.protection ?? 0) === 1)
    throw new PveError(500, `can't remove CT ${g.vmid} - protection mode enabled`);
  const force = paramBool(ctx, 'force');
  if (g.status === 'running' && !force)
    throw new PveError(500, `unable to destroy CT ${g.vmid} - container is running`);
  const purge = paramBool(ctx, 'purge');
  const node = nodeOf(cluster, g);
  g.config.lock = 'destroyed';
  cluster.version++;
  const log = [
    ...(g.status === 'running' ? [`stopping CT ${g.vmid}`] : []),
    `  Logical volume "vm-${g.vmid}-disk-0" successfully removed.`,
    ...(purge ? [`purging CT ${g.vmid} from related configurations..`] : []),
  ];
  return ctx.sim.tasks.start({
    node: g.node,
    type: 'vzdestroy',
    id: String(g.vmid),
    user: principalName(ctx.principal),
    durationMs: DURATION_MS.vzdestroy,
    nodeBootAt: node.bootAt,
    log,
    work: () => {
      if (g.status === 'running') haltGuest(ctx.sim, g);
      cluster.removeGuest(g.vmid);
    },
  }).upid;
};
