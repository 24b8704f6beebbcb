import { guestLock, isTemplate, type Guest } from '../cluster/model.js';
import type { Task } from '../cluster/tasks.js';
import { PveError, paramBool, type Handler, type RequestContext } from '../server/context.js';
import { principalName } from '../server/principal.js';
import { DURATION_MS } from './durations.js';
import { haStart, haStop, isHaManaged } from './lxc-ha.js';
import { bootGuest, haltGuest } from './lxc-power.js';
import { lxcOn, nodeOf } from './views.js';

/**
 * Start, stop, shutdown and reboot as pve-container's API2/LXC/Status.pm runs them: the HTTP call
 * checks only whether the CT runs; everything else happens inside the forked worker, under the
 * config file lock (AbstractConfig::lock_config, 10 s): the `lock` check ("CT is locked (backup)"),
 * the template check, the stop itself. A locked CT therefore gets HTTP 200 with a UPID and a task
 * that fails, never a 500 (only DELETE refuses a lock up front).
 */

/** AbstractConfig::lock_config's timeout for the config flock. */
const CONFIG_LOCK_TIMEOUT_MS = 10_000;
/** lxc-stop --timeout for a shutdown without `timeout` (Status.pm vm_shutdown). */
const DEFAULT_SHUTDOWN_TIMEOUT_S = 60;
/** Workers that hold the config flock for their whole run. */
const FLOCK_HOLDERS = ['vzshutdown', 'vzreboot'];

/** AbstractConfig::check_lock; start and stop let a `mounted` lock pass. */
function checkLock(g: Guest, allowMounted: boolean): void {
  const lock = guestLock(g);
  if (lock && !(allowMounted && lock === 'mounted')) throw new Error(`CT is locked (${lock})`);
}

function flockFile(g: Guest): string {
  return `/run/lock/lxc/pve-config-${g.vmid}.lock`;
}

interface PowerTask {
  type: 'vzstart' | 'vzstop' | 'vzshutdown' | 'vzreboot';
  durationMs?: number;
  log?: string[];
  begin?: () => string[] | void;
  work: () => string[] | void;
}

function runTask(ctx: RequestContext, g: Guest, t: PowerTask): string {
  return ctx.sim.tasks.start({
    node: g.node,
    type: t.type,
    id: String(g.vmid),
    user: principalName(ctx.principal),
    durationMs: t.durationMs ?? DURATION_MS[t.type],
    nodeBootAt: nodeOf(ctx.sim.cluster, g).bootAt,
    log: t.log ?? [],
    begin: t.begin,
    work: t.work,
  }).upid;
}

function runningGuest(ctx: RequestContext): Guest {
  const g = lxcOn(ctx);
  if (g.status !== 'running') throw new PveError(500, `CT ${g.vmid} not running`);
  return g;
}

export const startLxc: Handler = (ctx) => {
  const g = lxcOn(ctx);
  if (g.status === 'running') throw new PveError(500, `CT ${g.vmid} already running`);
  if (isHaManaged(g)) return haStart(ctx, g);
  return runTask(ctx, g, {
    type: 'vzstart',
    begin: () => {
      if (isTemplate(g)) throw new Error(`you can't start a CT if it's a template`);
      checkLock(g, true);
    },
    work: () => bootGuest(ctx.sim, g),
  });
};

/** Workers of this CT that hold its config flock now (a shutdown waiting for the CT, a reboot). */
function flockHolders(ctx: RequestContext, g: Guest): Task[] {
  return FLOCK_HOLDERS.flatMap((type) => ctx.sim.tasks.running(type, String(g.vmid)));
}

export const stopLxc: Handler = (ctx) => {
  const g = runningGuest(ctx);
  const overrule = paramBool(ctx, 'overrule-shutdown');
  if (isHaManaged(g)) {
    if (overrule) {
      throw new PveError(400, 'Parameter verification failed.', {
        'overrule-shutdown': 'Not applicable for HA resources.',
      });
    }
    return haStop(ctx, g, 0);
  }
  const log: string[] = [];
  if (overrule) {
    // GuestHelpers::abort_guest_tasks: kills this CT's vzshutdown workers before the flock
    const aborted = ctx.sim.tasks.running('vzshutdown', String(g.vmid));
    for (const t of aborted) ctx.sim.tasks.abort(t, 'received interrupt');
    if (aborted.length)
      log.push(`overruled vzshutdown tasks: ${aborted.map((t) => t.upid).join(', ')}`);
  }
  // a worker still holding the flock makes this one wait up to 10 s, then give up
  const holders = flockHolders(ctx, g);
  const waitMs = Math.min(
    CONFIG_LOCK_TIMEOUT_MS,
    Math.max(0, ...holders.map((t) => ((t.endsAtMs ?? Date.now()) - Date.now()) / speedOf(ctx))),
  );
  return runTask(ctx, g, {
    type: 'vzstop',
    durationMs: waitMs + DURATION_MS.vzstop,
    log,
    // with the flock free the worker checks the lock at once, else after waiting for it
    begin: () => (holders.length ? undefined : checkLock(g, true)),
    work: () => {
      if (holders.some((t) => t.status === 'running'))
        throw new Error(`can't lock file '${flockFile(g)}' - got timeout`);
      if (holders.length) checkLock(g, true);
      if (g.status === 'running') haltGuest(ctx.sim, g);
    },
  });
};

/** Simulated ms per real ms; 1 when tasks end at once (speed 0) to avoid dividing by zero. */
function speedOf(ctx: RequestContext): number {
  return ctx.sim.tasks.scaled(1) || 1;
}

export const shutdownLxc: Handler = (ctx) => {
  const g = runningGuest(ctx);
  const timeoutS =
    ctx.values.timeout === undefined ? DEFAULT_SHUTDOWN_TIMEOUT_S : Number(ctx.values.timeout);
  const forceStop = paramBool(ctx, 'forceStop');
  if (isHaManaged(g)) return haStop(ctx, g, timeoutS);
  // PVE::LXC::vm_stop: lxc-stop --nokill --timeout T (--kill after T with forceStop)
  const hangs = g.ignoresShutdown === true;
  return runTask(ctx, g, {
    type: 'vzshutdown',
    durationMs: hangs ? (timeoutS + 5) * 1000 : DURATION_MS.vzshutdown,
    begin: () => checkLock(g, false),
    work: () => {
      if (hangs && !forceStop) throw new Error('container did not stop');
      if (g.status === 'running') haltGuest(ctx.sim, g);
    },
  });
};

/**
 * Status.pm vm_reboot checks no lock: PVE::LXC::vm_reboot stops the CT, then vm_start fails in the
 * lxc-pve-prestart-hook's check_lock, leaving a locked CT stopped.
 */
export const rebootLxc: Handler = (ctx) => {
  const g = runningGuest(ctx);
  return runTask(ctx, g, {
    type: 'vzreboot',
    work: () => {
      haltGuest(ctx.sim, g);
      const lock = guestLock(g);
      if (lock && lock !== 'mounted') {
        throw new Error(`command 'systemctl start pve-container@${g.vmid}' failed: exit code 1`);
      }
      bootGuest(ctx.sim, g);
    },
  });
};
