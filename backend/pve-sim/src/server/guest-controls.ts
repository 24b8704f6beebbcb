import type { Guest } from '../cluster/model.js';
import type { SimContext } from './context.js';

type Body = Record<string, unknown>;

/** Guest states tests and demos set directly, beside the fault controls. */
export interface PveSimGuests {
  /** Sets (or with undefined clears) a CT's config lock, as a backup, migration or admin would. */
  setLock(vmid: number, lock: string | undefined): void;
  /** The CT's init ignores the shutdown request: vzshutdown then waits its full timeout. */
  setIgnoresShutdown(vmid: number, ignores: boolean): void;
  /**
   * Makes a CT an HA resource with this requested state (`ha-manager add ct:<vmid> --state ...`),
   * or with undefined removes it; the CRM's service state follows the CT's current status.
   */
  setHa(vmid: number, state: 'started' | 'stopped' | undefined): void;
}

function guest(sim: SimContext, vmid: number): Guest {
  const g = sim.cluster.guests.get(vmid);
  if (!g) throw new Error(`no such guest ${vmid}`);
  return g;
}

export function guestControls(sim: SimContext): PveSimGuests {
  return {
    setLock(vmid, lock) {
      const g = guest(sim, vmid);
      if (lock) g.config.lock = lock;
      else delete g.config.lock;
      sim.cluster.version++;
    },
    setIgnoresShutdown(vmid, ignores) {
      guest(sim, vmid).ignoresShutdown = ignores;
    },
    setHa(vmid, state) {
      const g = guest(sim, vmid);
      if (state) g.ha = { requested: state, state: g.status === 'running' ? 'started' : 'stopped' };
      else delete g.ha;
      sim.cluster.version++;
    },
  };
}

/**
 * Control API: `POST /guests/lock {"vmid":101,"lock":"backup"}` (no `lock`: unlock),
 * `POST /guests/ignore-shutdown {"vmid":101,"ignores":true}`, `POST /guests/ha {"vmid":101,"state":"started"}`
 * (no `state`: no longer HA-managed).
 */
export function guestControlActions(sim: SimContext): Record<string, (body: Body) => unknown> {
  const controls = guestControls(sim);
  return {
    'POST /guests/lock': (b) => {
      const lock = typeof b.lock === 'string' && b.lock ? b.lock : undefined;
      controls.setLock(Number(b.vmid), lock);
      return { vmid: Number(b.vmid), lock: lock ?? null };
    },
    'POST /guests/ha': (b) => {
      const state = b.state === 'started' || b.state === 'stopped' ? b.state : undefined;
      controls.setHa(Number(b.vmid), state);
      return { vmid: Number(b.vmid), ha: state ?? null };
    },
    'POST /guests/ignore-shutdown': (b) => {
      controls.setIgnoresShutdown(Number(b.vmid), b.ignores !== false);
      return { vmid: Number(b.vmid), ignores: b.ignores !== false };
    },
  };
}
