import { privilegesWithPools, type PoolOf } from './pool-acl.js';
import type { Acl } from './privileges.js';

/** Who a request runs as: a user (ticket) or an API token, with the rights PVE would compute. */
export interface Principal {
  userid: string;
  /** Full token id `user@realm!name` when authenticated by token. */
  tokenid?: string;
  userAcl: Acl;
  /** Set for privilege-separated tokens: effective rights are the intersection with the user's. */
  tokenAcl?: Acl;
  /** Pool membership of guests, so pool ACLs reach their members' /vms/<vmid>. */
  poolOf?: PoolOf;
}

export function principalName(p: Principal): string {
  return p.tokenid ?? p.userid;
}

export function privileges(p: Principal, path: string): Set<string> {
  const user =
    p.userid === 'root@pam' ? new Set(['*']) : privilegesWithPools(p.userAcl, path, p.poolOf);
  if (!p.tokenAcl) return user;
  const token = privilegesWithPools(p.tokenAcl, path, p.poolOf);
  if (user.has('*')) return token;
  return new Set([...user].filter((x) => token.has(x)));
}

export function hasPrivilege(p: Principal, path: string, priv: string): boolean {
  const privs = privileges(p, path);
  return privs.has('*') || privs.has(priv);
}
