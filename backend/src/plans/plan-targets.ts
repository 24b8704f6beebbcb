import { DEFAULT_STALE_DAYS } from '../backups/backups.service.js';
import { granted, type PermissionMap } from '../permissions/permission-report.js';
import { type Role, roleAllows } from '../users/roles.js';
import {
  PLAN_ACTION_SPECS,
  type PlanAction,
  type PlanParams,
  type PlanSubject,
} from './plan-actions.js';

export const WARNING_CODES = [
  'protected',
  'locked',
  'ha-managed',
  'skipped',
  'stale-backup',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface PlanWarning {
  code: WarningCode;
  message: string;
}

/** A target as planned: whether it may be touched and what to expect. */
export interface TargetVerdict {
  allowed: boolean;
  reason?: string;
  warnings: PlanWarning[];
  /** left alone when the plan runs (already in the target state) */
  skip: boolean;
}

/** What the plan read about a target besides the cluster list (only what its action needs). */
export interface TargetFacts {
  /** delete: the CT's `protection` flag */
  protected?: boolean;
  /** delete: age of the newest backup in days, null when there is none, undefined when unknown */
  backupAgeDays?: number | null;
  /** delete: backup storages where the token cannot see this CT's archives */
  backupsHiddenOn?: string[];
  /** snapshot: a snapshot of the planned name exists already */
  snapshotExists?: boolean;
  /** backup: the storage the archive goes to on the CT's node */
  storage?: string;
  /** backup: why no storage on the CT's node can take it */
  storageProblem?: string;
}

export interface JudgeInput {
  action: PlanAction;
  params: PlanParams;
  guest: PlanSubject;
  /** the token's effective permissions (from /access/permissions) */
  permissions: PermissionMap;
  /** the console role of the caller */
  role: Role;
  facts?: TargetFacts;
}

/**
 * Why the token or the caller may not do `action` on the guest, or undefined when both may.
 * `storage`: a backup also needs Datastore.AllocateSpace there (as POST .../backup checks).
 */
export function denial(
  action: PlanAction,
  vmid: number,
  permissions: PermissionMap,
  role: Role,
  storage?: string,
): string | undefined {
  const spec = PLAN_ACTION_SPECS[action];
  const needs = [{ path: `/vms/${vmid}`, privilege: spec.privilege }];
  if (action === 'backup' && storage) {
    needs.push({ path: `/storage/${storage}`, privilege: 'Datastore.AllocateSpace' });
  }
  const missing = needs.find((n) => !granted(permissions, n.path, [n.privilege]));
  if (missing) return `The Proxmox token lacks ${missing.privilege} on ${missing.path}`;
  if (!roleAllows(role, spec.role)) {
    return `Your console role ${role} may not ${action}; it needs ${spec.role}`;
  }
  return undefined;
}

const daysText = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;

function staleBackup(params: PlanParams, facts: TargetFacts): PlanWarning | undefined {
  const days = params.staleDays ?? DEFAULT_STALE_DAYS;
  const hidden = facts.backupsHiddenOn?.length
    ? `the token cannot see its backups on ${facts.backupsHiddenOn.join(', ')} (it needs Datastore.AllocateSpace there and VM.Backup on the CT)`
    : undefined;
  if (facts.backupAgeDays === null) {
    return {
      code: 'stale-backup',
      message: hidden
        ? `no backup found, but ${hidden}`
        : 'never backed up: deleting it loses it for good',
    };
  }
  if (facts.backupAgeDays !== undefined && facts.backupAgeDays > days) {
    const age = `last backup ${daysText(facts.backupAgeDays)} ago (older than ${daysText(days)})`;
    return { code: 'stale-backup', message: hidden ? `${age}; ${hidden}` : age };
  }
  return undefined;
}

function skipReason(input: JudgeInput): string | undefined {
  const facts = input.facts ?? {};
  if (input.action === 'snapshot' && facts.snapshotExists) {
    return `already has a snapshot named '${input.params.name}': skipped`;
  }
  return PLAN_ACTION_SPECS[input.action].skip(input.guest, input.params);
}

/** Judges one target of a plan; pure, so the plan and the re-check before acting agree. */
export function judgeTarget(input: JudgeInput): TargetVerdict {
  const { action, guest } = input;
  const facts = input.facts ?? {};
  const reason =
    denial(action, guest.vmid, input.permissions, input.role, facts.storage) ??
    facts.storageProblem;
  const warnings: PlanWarning[] = [];
  if (facts.protected && action === 'delete') {
    warnings.push({
      code: 'protected',
      message: 'protected: Proxmox refuses to delete it until protection is turned off',
    });
  }
  if (guest.lock) {
    warnings.push({
      code: 'locked',
      message: `locked (${guest.lock}): Proxmox refuses changes until the lock is released`,
    });
  }
  if (guest.hastate) {
    warnings.push({
      code: 'ha-managed',
      message: `HA-managed (${guest.hastate}): the HA manager carries out the request`,
    });
  }
  const stale = action === 'delete' ? staleBackup(input.params, facts) : undefined;
  if (stale) warnings.push(stale);
  const skipped = skipReason(input);
  if (skipped) warnings.push({ code: 'skipped', message: skipped });
  return { allowed: reason === undefined, reason, warnings, skip: skipped !== undefined };
}
