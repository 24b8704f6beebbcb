import { MeDto } from '../../api/models';

export type Role = MeDto['role'];

export const ROLES: readonly Role[] = ['viewer', 'operator', 'admin'];

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Roles are ordered: an admin may do all an operator may, an operator all a viewer may. */
export function roleAllows(role: Role | null | undefined, need: Role): boolean {
  return !!role && RANK[role] >= RANK[need];
}

/** Tooltip for an action the signed-in role may not take, or '' when it may. */
export function roleHint(role: Role | null | undefined, need: Role): string {
  return roleAllows(role, need) ? '' : `Needs the ${need} role`;
}
