import type { Role } from '../users/roles.js';

export const PLAN_ACTIONS = [
  'start',
  'stop',
  'shutdown',
  'reboot',
  'delete',
  'snapshot',
  'backup',
  'tag',
] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

/** What a target is in the plan's eyes: the fields of the cluster list it is judged on. */
export interface PlanSubject {
  vmid: number;
  name: string;
  node: string;
  status: string;
  template: boolean;
  lock?: string;
  hastate?: string;
}

export interface PlanActionSpec {
  /** the privilege PVE checks on /vms/<vmid> for this call */
  privilege: string;
  /** the least console role that may run it (as the single-container routes require) */
  role: Role;
  /** why a target is left alone (already in the target state), or undefined */
  skip: (g: PlanSubject, params: PlanParams) => string | undefined;
  /** actions whose feature has not landed in the console yet */
  unavailable?: string;
}

export interface PlanParams {
  /** delete: also remove it from backup jobs, replication, HA and ACLs */
  purge?: boolean;
  /** delete: stop it first when running */
  force?: boolean;
}

const notRunning = (g: PlanSubject): string | undefined =>
  g.status === 'stopped' ? 'already stopped: skipped' : undefined;

/**
 * Privileges after pve-container: API2/LXC/Status.pm (vm_start, vm_stop, vm_shutdown, vm_reboot
 * check VM.PowerMgmt on /vms/{vmid}), API2/LXC.pm destroy_vm (VM.Allocate), API2/LXC/Snapshot.pm
 * snapshot (VM.Snapshot), pve-manager API2/VZDump.pm (VM.Backup), and
 * PVE::LXC::check_ct_modify_config_perm for tags (VM.Config.Options).
 */
export const PLAN_ACTION_SPECS: Record<PlanAction, PlanActionSpec> = {
  start: {
    privilege: 'VM.PowerMgmt',
    role: 'operator',
    skip: (g) =>
      g.template
        ? 'a template cannot be started: skipped'
        : g.status === 'running'
          ? 'already running: skipped'
          : undefined,
  },
  stop: { privilege: 'VM.PowerMgmt', role: 'operator', skip: notRunning },
  shutdown: { privilege: 'VM.PowerMgmt', role: 'operator', skip: notRunning },
  reboot: {
    privilege: 'VM.PowerMgmt',
    role: 'operator',
    // vm_reboot dies with "CT <vmid> not running" on a stopped CT
    skip: (g) => (g.status === 'stopped' ? 'not running, nothing to reboot: skipped' : undefined),
  },
  delete: {
    privilege: 'VM.Allocate',
    role: 'admin',
    // destroy_vm refuses a running CT unless force is set ("unable to destroy CT - running")
    skip: (g, p) =>
      g.status === 'running' && !p.force ? 'running and force is not set: skipped' : undefined,
  },
  snapshot: {
    privilege: 'VM.Snapshot',
    role: 'operator',
    skip: () => undefined,
    unavailable: 'Snapshots are not available in this console yet',
  },
  backup: {
    privilege: 'VM.Backup',
    role: 'operator',
    skip: () => undefined,
    unavailable: 'Backups are not available in this console yet',
  },
  tag: {
    privilege: 'VM.Config.Options',
    role: 'operator',
    skip: () => undefined,
    unavailable: 'Tagging through plans is not available in this console yet',
  },
};
