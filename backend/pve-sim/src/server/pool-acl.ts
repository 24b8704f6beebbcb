import { privilegesAt, type Acl } from './privileges.js';

/** Which pool a guest belongs to (undefined: none or no such guest). */
export type PoolOf = (vmid: number) => string | undefined;

/**
 * Privileges on `path`, pool ACLs included, as PVE::RPCEnvironment's compile_acl_path computes
 * them: the roles a user or token holds on `/pool/<pool>` (inherited from `/` and `/pool` too)
 * also apply to `/vms/<vmid>` of every member guest, without propagating further down.
 */
export function privilegesWithPools(acl: Acl, path: string, poolOf?: PoolOf): Set<string> {
  const own = privilegesAt(acl, path);
  const m = /^\/vms\/(\d+)$/.exec(path);
  const pool = m && poolOf ? poolOf(Number(m[1])) : undefined;
  if (!pool) return own;
  for (const priv of privilegesAt(acl, `/pool/${pool}`)) own.add(priv);
  return own;
}
