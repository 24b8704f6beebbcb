import type { Guest } from '../cluster/model.js';
import type { RequestContext, SimContext } from '../server/context.js';
import { principalName } from '../server/principal.js';
import { DURATION_MS } from './durations.js';
import { bootGuest, haltGuest } from './lxc-power.js';
import { nodeOf } from './views.js';

/**
 * HA-managed CTs (pve-container API2/LXC/Status.pm vm_start / vm_stop / vm_shutdown when
 * PVE::HA::Config::vm_is_ha_managed): the API call only forks an `hastart`/`hastop` worker that
 * runs `ha-manager set ct:<vmid> --state started` or `ha-manager crm-command stop ct:<vmid> <timeout>`
 * and ends OK at once. The CRM picks the request up in its next round (about 10 s) and changes the
 * service state; the LRM on the CT's node then runs the real vzstart/vzstop/vzshutdown worker as
 * root@pam. So a finished HA task says nothing about the CT's state: clients follow the status.
 */
export const CRM_ROUND_MS = 10_000;

function lrmWorker(sim: SimContext, g: Guest, type: 'vzstart' | 'vzstop' | 'vzshutdown'): void {
  sim.tasks.start({
    node: g.node,
    type,
    id: String(g.vmid),
    user: 'root@pam',
    durationMs: DURATION_MS[type],
    nodeBootAt: nodeOf(sim.cluster, g).bootAt,
    log: [],
    work: () => {
      if (!g.ha) return;
      if (type === 'vzstart') {
        if (g.status !== 'running') bootGuest(sim, g);
        g.ha.state = 'started';
      } else {
        if (g.status === 'running') haltGuest(sim, g);
        g.ha.state = 'stopped';
      }
      sim.cluster.version++;
    },
  });
}

function requestTask(ctx: RequestContext, g: Guest, type: 'hastart' | 'hastop', after: () => void) {
  const verb = type === 'hastart' ? 'start' : 'stop';
  return ctx.sim.tasks.start({
    node: g.node,
    type,
    id: String(g.vmid),
    user: principalName(ctx.principal),
    durationMs: DURATION_MS[type],
    nodeBootAt: nodeOf(ctx.sim.cluster, g).bootAt,
    log: [`Requesting HA ${verb} for CT ${g.vmid}`],
    work: () => ctx.sim.tasks.later(CRM_ROUND_MS, after),
  }).upid;
}

/** `ha-manager set ct:<vmid> --state started`; the CRM then lets the LRM start the CT. */
export function haStart(ctx: RequestContext, g: Guest & { ha: NonNullable<Guest['ha']> }): string {
  const { sim } = ctx;
  return requestTask(ctx, g, 'hastart', () => {
    g.ha.requested = 'started';
    if (g.status === 'running') return;
    // the CRM marks the service started before the LRM has booted it
    g.ha.state = 'started';
    sim.cluster.version++;
    lrmWorker(sim, g, 'vzstart');
  });
}

/** `ha-manager crm-command stop ct:<vmid> <timeout>`: 0 stops hard, else a shutdown. */
export function haStop(
  ctx: RequestContext,
  g: Guest & { ha: NonNullable<Guest['ha']> },
  timeoutS: number,
): string {
  const { sim } = ctx;
  return requestTask(ctx, g, 'hastop', () => {
    g.ha.requested = 'stopped';
    if (g.status !== 'running') return;
    g.ha.state = 'request_stop';
    sim.cluster.version++;
    lrmWorker(sim, g, timeoutS > 0 ? 'vzshutdown' : 'vzstop');
  });
}

export function isHaManaged(g: Guest): g is Guest & { ha: NonNullable<Guest['ha']> } {
  return g.ha !== undefined;
}
