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
  tags: string[];
}

export interface PlanActionSpec {
  /** the privilege PVE checks on /vms/<vmid> for this call */
  privilege: string;
  /** the least console role that may run it (as the single-container routes require) */
  role: Role;
  /** why a target is left alone (already in the target state), or undefined */
  skip: (g: PlanSubject, params: PlanParams) => string | undefined;
}

export interface PlanParams {
  /** delete: also remove it from backup jobs, replication, HA and ACLs */
  purge?: boolean;
  /** delete: stop it first when running */
  force?: boolean;
  /** delete: warn when the newest backup is older than this many days */
  staleDays?: number;
  /** snapshot: name and description */
  name?: string;
  description?: string;
  /** backup: as POST /api/containers/{vmid}/backup */
  storage?: string;
  mode?: 'snapshot' | 'suspend' | 'stop';
  compress?: 'zstd' | 'gzip' | 'lzo' | 'none';
  notes?: string;
  /** tag: tags to add and to remove */
  add?: string[];
  remove?: string[];
}

/** Which params belong to which action: any other is refused, so a typo is never ignored. */
export const PLAN_PARAMS: Record<PlanAction, (keyof PlanParams)[]> = {
  start: [],
  stop: [],
  shutdown: [],
  reboot: [],
  delete: ['purge', 'force', 'staleDays'],
  snapshot: ['name', 'description'],
  backup: ['storage', 'mode', 'compress', 'notes'],
  tag: ['add', 'remove'],
};

/** The tags a CT ends up with after a tag plan: lower-cased as PVE stores them. */
export function retagged(tags: readonly string[], params: PlanParams): string[] {
  const remove = new Set((params.remove ?? []).map((t) => t.toLowerCase()));
  const kept = tags.map((t) => t.toLowerCase()).filter((t) => !remove.has(t));
  return [...new Set([...kept, ...(params.add ?? []).map((t) => t.toLowerCase())])].sort();
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
    // a CT that already has a snapshot of this name is found when the plan reads its snapshots
    skip: () => undefined,
  },
  backup: { privilege: 'VM.Backup', role: 'operator', skip: () => undefined },
  tag: {
    privilege: 'VM.Config.Options',
    // as PATCH /api/containers/{vmid}, which changes tags
    role: 'admin',
    skip: (g, p) =>
      retagged(g.tags, p).join(';') ===
      [...new Set(g.tags.map((t) => t.toLowerCase()))].sort().join(';')
        ? 'already tagged so: skipped'
        : undefined,
  },
};
