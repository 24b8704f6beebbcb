import { ROLES, type Role } from '../../users/roles.js';

/** The groups in a claim: a list, or one string (some providers send a single group so). */
export function groupsOf(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim];
  return Array.isArray(claim) ? claim.filter((g): g is string => typeof g === 'string') : [];
}

/** The strongest role any of the groups maps to; undefined when none maps (sign-in refused). */
export function roleFor(groups: string[], roleMap: Record<string, Role>): Role | undefined {
  const roles = groups.map((g) => roleMap[g]).filter((r): r is Role => r !== undefined);
  return roles.sort((a, b) => ROLES.indexOf(b) - ROLES.indexOf(a))[0];
}

const USERNAME_OK = /[^A-Za-z0-9._@-]/g;

/** Usernames to try for a new account, from the provider's claims, valid for the console. */
export function usernameCandidates(claims: Record<string, unknown>, subject: string): string[] {
  const raw = [claims.preferred_username, claims.email, `oidc-${subject}`]
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .map((v) =>
      v
        .replace(USERNAME_OK, '-')
        .replace(/^[^A-Za-z0-9]+/, '')
        .slice(0, 56),
    )
    .filter(Boolean);
  const base = raw[0] ?? 'oidc-user';
  return [...new Set([...raw, `${base}-sso`, `${base}-sso-2`, `${base}-sso-3`])];
}
