import type { ApiEndpoint } from '../schema/index.js';
import { asText, permissionError, requirePrivs } from './context.js';
import { hasPrivilege, type Principal } from './principal.js';

type Check = unknown[];

function substitute(path: string, values: Record<string, unknown>): string {
  return path.replace(/\{([^}]+)\}/g, (_, key: string) => asText(values[key] ?? ''));
}

function passes(p: Principal, check: Check, values: Record<string, unknown>): boolean {
  const [op, ...rest] = check;
  if (op === 'perm') {
    const [path, privs, mode] = rest as [string, string[], string?];
    const target = substitute(path, values);
    const has = (x: string): boolean => hasPrivilege(p, target, x);
    return mode === 'any' ? privs.some(has) : privs.every(has);
  }
  if (op === 'and') return (rest as Check[]).every((c) => passes(p, c, values));
  if (op === 'or') return (rest as Check[]).some((c) => passes(p, c, values));
  // userid-group / userid-param checks guard /access endpoints pve-sim does not implement.
  return true;
}

/**
 * The schema's `permissions.check`, evaluated like PVE's RPCEnvironment::check_api_permission.
 * Endpoints with `user: all` leave finer checks to the handler.
 */
export function checkEndpointPermissions(
  ep: ApiEndpoint,
  p: Principal,
  values: Record<string, unknown>,
): void {
  const perms = ep.permissions as { check?: Check } | undefined;
  const check = perms?.check;
  if (!check || passes(p, check, values)) return;
  if (check[0] === 'perm') {
    const [, path, privs, mode] = check as [string, string, string[], string?];
    requirePrivs(p, substitute(path, values), privs, mode === 'any');
  }
  throw permissionError('/', ['Sys.Audit']);
}
