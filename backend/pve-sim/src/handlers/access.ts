import { ALL_PRIVILEGES } from '../server/privileges.js';
import {
  PveError,
  paramString,
  permissionError,
  type Handler,
  type RequestContext,
} from '../server/context.js';
import { hasPrivilege, privileges } from '../server/principal.js';

/** Ticket logins answer with the same failure whatever was wrong; the delay happens upstream. */
export const createTicket: Handler = (ctx) => {
  const realm = paramString(ctx, 'realm');
  let username = String(ctx.values.username);
  if (realm && !username.includes('@')) username = `${username}@${realm}`;
  const result = ctx.sim.auth.login(username, String(ctx.values.password));
  if (!result) throw new PveError(401, 'authentication failure');
  const data: Record<string, unknown> = {
    username: result.userid,
    ticket: result.ticket,
    CSRFPreventionToken: result.csrf,
    cap: capabilities(ctx, result.userid),
  };
  if (ctx.sim.cluster.nodes.size > 1) data.clustername = ctx.sim.cluster.name;
  return data;
};

const CAP_GROUPS: Record<string, (priv: string) => boolean> = {
  vms: (x) => x.startsWith('VM.'),
  storage: (x) => x.startsWith('Datastore.'),
  nodes: (x) => x.startsWith('Sys.'),
  access: (x) => x.startsWith('User.') || x.startsWith('Group.') || x.startsWith('Realm.'),
  dc: (x) => x.startsWith('SDN.') || x === 'Sys.Audit',
  sdn: (x) => x.startsWith('SDN.'),
};

function capabilities(ctx: RequestContext, userid: string): Record<string, Record<string, number>> {
  const principal = ctx.sim.auth.principalFor(userid);
  const all = expand(privileges(principal, '/'));
  const cap: Record<string, Record<string, number>> = {};
  for (const [group, test] of Object.entries(CAP_GROUPS)) {
    cap[group] = Object.fromEntries(all.filter(test).map((x) => [x, 1]));
  }
  return cap;
}

function expand(privs: Set<string>): string[] {
  return privs.has('*') ? [...ALL_PRIVILEGES] : [...privs];
}

/**
 * The paths /access/permissions answers for (PVE::RPCEnvironment::get_effective_permissions): the
 * top-level paths, every path an ACL names, and the members of every pool (/vms/<vmid>); a path
 * where the subject has no privilege is left out. A guest or node path no ACL names is NOT listed,
 * even though privileges propagate to it: a client must inherit from the parents itself.
 */
function pathsOf(ctx: RequestContext): string[] {
  const paths = new Set([
    '/',
    '/access',
    '/access/groups',
    '/nodes',
    '/pool',
    '/sdn',
    '/storage',
    '/vms',
  ]);
  for (const path of ctx.sim.auth.aclPaths()) paths.add(path);
  for (const pool of ctx.sim.cluster.pools.values())
    for (const vmid of pool.members) paths.add(`/vms/${vmid}`);
  return [...paths].sort();
}

export const permissions: Handler = (ctx) => {
  const userid = paramString(ctx, 'userid');
  const self = ctx.principal.tokenid ?? ctx.principal.userid;
  if (userid && userid !== self && !hasPrivilege(ctx.principal, '/access', 'Sys.Audit')) {
    throw permissionError('/access', ['Sys.Audit']);
  }
  const subject = userid && userid !== self ? ctx.sim.auth.principalFor(userid) : ctx.principal;
  const only = paramString(ctx, 'path');
  const out: Record<string, Record<string, number>> = {};
  for (const path of only ? [only] : pathsOf(ctx)) {
    const privs = expand(privileges(subject, path));
    if (privs.length) out[path] = Object.fromEntries(privs.sort().map((x) => [x, 1]));
  }
  return out;
};
