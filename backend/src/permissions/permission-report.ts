import type { FeatureSpec, PrivilegeNeed } from './permission-features.js';

/** /access/permissions: path -> privilege -> 1 */
export type PermissionMap = Record<string, Record<string, number>>;

export interface MissingPrivilege {
  privilege: string;
  path: string;
  /** narrower paths where the privilege is granted (the feature works there only) */
  grantedOn: string[];
}

export interface FeatureReport {
  feature: string;
  label: string;
  available: boolean;
  /** available on some containers, storages or nodes only */
  partial: boolean;
  missing: MissingPrivilege[];
}

/**
 * Whether `names` are granted on `path`: listed on the path itself, or on the nearest listed
 * ancestor with the propagate flag set (the value 1), as PVE inherits grants downwards.
 */
export function granted(map: PermissionMap, path: string, names: string[]): boolean {
  if (map[path]) return names.some((n) => n in map[path]);
  for (let p = path; p !== '/'; ) {
    p = p.slice(0, p.lastIndexOf('/')) || '/';
    if (map[p]) return names.some((n) => map[p][n] === 1);
  }
  return false;
}

function check(map: PermissionMap, need: PrivilegeNeed): MissingPrivilege | undefined {
  const names = [need.privilege, ...(need.alternatives ?? [])];
  if (granted(map, need.path, names)) return undefined;
  const grantedOn = Object.keys(map)
    .filter((p) => p.startsWith(`${need.path}/`) && granted(map, p, names))
    .sort();
  return { privilege: need.privilege, path: need.path, grantedOn };
}

/** Which features the token's effective permissions allow, and what is missing where. */
export function evaluateFeatures(map: PermissionMap, features: FeatureSpec[]): FeatureReport[] {
  return features.map((spec) => {
    const missing = spec.needs.map((n) => check(map, n)).filter((m) => m !== undefined);
    return {
      feature: spec.feature,
      label: spec.label,
      available: missing.length === 0,
      partial: missing.length > 0 && missing.every((m) => m.grantedOn.length > 0),
      missing,
    };
  });
}
