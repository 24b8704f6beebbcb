import { granted, type PermissionMap } from '../permissions/permission-report.js';
import { type Role, roleAllows } from '../users/roles.js';
import {
  PLAN_ACTION_SPECS,
  type PlanAction,
  type PlanParams,
  type PlanSubject,
} from './plan-actions.js';

export const WARNING_CODES = ['protected', 'locked', 'ha-managed', 'skipped'] as const;
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

export interface JudgeInput {
  action: PlanAction;
  params: PlanParams;
  guest: PlanSubject;
  /** the token's effective permissions (from /access/permissions) */
  permissions: PermissionMap;
  /** the console role of the caller */
  role: Role;
  /** the CT's `protection` flag, when it was read (delete plans) */
  protected?: boolean;
}

/** Why the token or the caller may not do `action` on the guest, or undefined when both may. */
export function denial(
  action: PlanAction,
  vmid: number,
  permissions: PermissionMap,
  role: Role,
): string | undefined {
  const spec = PLAN_ACTION_SPECS[action];
  const path = `/vms/${vmid}`;
  if (!granted(permissions, path, [spec.privilege])) {
    return `The Proxmox token lacks ${spec.privilege} on ${path}`;
  }
  if (!roleAllows(role, spec.role)) {
    return `Your console role ${role} may not ${action}; it needs ${spec.role}`;
  }
  return undefined;
}

/** Judges one target of a plan; pure, so the plan and the re-check before acting agree. */
export function judgeTarget(input: JudgeInput): TargetVerdict {
  const { action, guest } = input;
  const reason = denial(action, guest.vmid, input.permissions, input.role);
  const warnings: PlanWarning[] = [];
  if (input.protected && action === 'delete') {
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
  const skipped = PLAN_ACTION_SPECS[action].skip(guest, input.params);
  if (skipped) warnings.push({ code: 'skipped', message: skipped });
  return { allowed: reason === undefined, reason, warnings, skip: skipped !== undefined };
}
