import type { PveGuest, TaskSummary } from './proxmox.types.js';

/**
 * What an HA task asked for. For an HA-managed CT, pve-container's Status.pm vm_start / vm_stop /
 * vm_shutdown do not act: they fork an `hastart` or `hastop` worker that runs
 * `ha-manager set ct:<vmid> --state started` or `ha-manager crm-command stop ...` and ends OK at
 * once. The HA manager (CRM, then the node's LRM) starts or stops the CT a round or two later, so
 * the task's end says nothing about the CT: the action is done when /cluster/resources shows the
 * status asked for.
 */
export interface HaRequest {
  action: 'start' | 'stop';
  /** the guest status that ends the request */
  until: 'running' | 'stopped';
}

export function haRequestOf(task: Pick<TaskSummary, 'type'>): HaRequest | undefined {
  if (task.type === 'hastart') return { action: 'start', until: 'running' };
  if (task.type === 'hastop') return { action: 'stop', until: 'stopped' };
  return undefined;
}

/** HA service states (PVE::HA::Manager) after which the request will not be carried out. */
const HA_FAILED_STATES = new Set(['error', 'fence']);

export type HaProgress = 'requested' | 'done' | 'failed';

/** Where an HA request stands, judged from the guest as /cluster/resources shows it. */
export function haProgress(request: HaRequest, guest: PveGuest | undefined): HaProgress {
  if (!guest) return 'requested';
  if (guest.status === request.until) return 'done';
  return guest.hastate && HA_FAILED_STATES.has(guest.hastate) ? 'failed' : 'requested';
}

/** "HA: start requested" while the HA manager works on it; then what happened. */
export function haMessage(request: HaRequest, progress: HaProgress, guest?: PveGuest): string {
  const hastate = guest?.hastate ? ` (HA state ${guest.hastate})` : '';
  if (progress === 'done') return `HA: ${request.action} done, the CT is ${request.until}`;
  if (progress === 'failed') return `HA: ${request.action} failed${hastate}`;
  return `HA: ${request.action} requested${hastate}`;
}
