import { Injectable, inject } from '@angular/core';
import { FeaturePermissionDto } from '../../api/models';
import { AuthStore } from './auth.store';
import { ConsoleFeature, PermissionsStore, findFeature, permissionHint } from './permissions.store';
import { Role, roleAllows } from './roles';

/** The console's guarded actions: the role the API demands and the Proxmox feature behind them. */
export type GuardedAction =
  | 'power'
  | 'create'
  | 'delete'
  | 'templates'
  | 'configure'
  | 'resize'
  | 'snapshot'
  | 'rollback'
  | 'delete-snapshot'
  | 'backup'
  | 'restore'
  | 'delete-backup';

export const ACTION_NEEDS: Record<GuardedAction, { role: Role; feature: ConsoleFeature }> = {
  power: { role: 'operator', feature: 'power' },
  create: { role: 'admin', feature: 'create' },
  delete: { role: 'admin', feature: 'delete' },
  templates: { role: 'admin', feature: 'templates' },
  configure: { role: 'admin', feature: 'configure' },
  resize: { role: 'admin', feature: 'resize' },
  snapshot: { role: 'operator', feature: 'snapshots' },
  rollback: { role: 'admin', feature: 'rollback' },
  'delete-snapshot': { role: 'admin', feature: 'snapshots' },
  backup: { role: 'operator', feature: 'backup' },
  restore: { role: 'admin', feature: 'backup' },
  'delete-backup': { role: 'admin', feature: 'backup' },
};

/**
 * Why an action is not possible, or '' when it is: the user's role comes first (nothing the
 * token could do helps), then the Proxmox token's missing privilege. A partial grant does not
 * block: the action may work on the container at hand, and the server says so if not.
 */
export function actionBlocker(
  action: GuardedAction,
  role: Role | null,
  feature: FeaturePermissionDto | undefined,
): string {
  const need = ACTION_NEEDS[action].role;
  if (!roleAllows(role, need)) return `Needs the ${need} role`;
  if (feature && !feature.available && !feature.partial) return permissionHint(feature);
  return '';
}

/** Role- and permission-aware enabling of action buttons, with the reason as tooltip text. */
@Injectable({ providedIn: 'root' })
export class ActionAccess {
  private readonly auth = inject(AuthStore);
  private readonly permissions = inject(PermissionsStore);

  constructor() {
    this.permissions.ensureLoaded();
  }

  /** The user's role may take this action at all (hide it otherwise, e.g. creating for viewers). */
  roleAllows(action: GuardedAction): boolean {
    return this.auth.can(ACTION_NEEDS[action].role);
  }

  reason(action: GuardedAction): string {
    const feature = findFeature(this.permissions.report(), ACTION_NEEDS[action].feature);
    return actionBlocker(action, this.auth.role(), feature);
  }

  allowed(action: GuardedAction): boolean {
    return this.reason(action) === '';
  }
}
