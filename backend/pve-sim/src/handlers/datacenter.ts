import { parsePropertyString, splitList } from '../schema/index.js';
import { type Handler, type RequestContext, asText, requirePrivs } from '../server/context.js';
import { hasPrivilege } from '../server/principal.js';

/** What GET /cluster/options shows a user without Sys.Audit on `/`. */
const PUBLIC_OPTIONS = ['console', 'tag-style'];

/**
 * GET /cluster/options (pve-manager API2/Cluster.pm get_options): everything with Sys.Audit on `/`,
 * else only `console` and `tag-style`; plus `allowed-tags`.
 */
export const getClusterOptions: Handler = (ctx) => {
  const dc = ctx.sim.cluster.datacenter;
  const audit = hasPrivilege(ctx.principal, '/', 'Sys.Audit');
  const res: Record<string, unknown> = audit
    ? { ...dc }
    : Object.fromEntries(PUBLIC_OPTIONS.filter((k) => k in dc).map((k) => [k, dc[k]]));
  res['allowed-tags'] = allowedTags(ctx);
  return res;
};

export interface TagAccess {
  allowed: Set<string>;
  /** registered-tags: only with Sys.Modify on `/` */
  registered: Set<string>;
  /** user-tag-access `free`: any tag */
  freeform: boolean;
}

/** PVE::GuestHelpers::get_allowed_tags under datacenter.cfg's user-tag-access and registered-tags. */
export function tagAccess(ctx: RequestContext, privileged: boolean): TagAccess {
  const dc = ctx.sim.cluster.datacenter;
  const registered = new Set((dc['registered-tags'] ?? []) as string[]);
  const access = (dc['user-tag-access'] ?? {}) as Record<string, unknown>;
  const userAllow = typeof access['user-allow'] === 'string' ? access['user-allow'] : 'free';
  const allowed = new Set<string>();
  if (userAllow !== 'none' || privileged) {
    for (const t of (access['user-allow-list'] ?? []) as string[]) allowed.add(t);
  }
  if (userAllow === 'free' || userAllow === 'existing' || privileged) {
    for (const g of ctx.sim.cluster.guests.values()) {
      if (!privileged && !hasPrivilege(ctx.principal, `/vms/${g.vmid}`, 'VM.Audit')) continue;
      for (const t of splitList(String(g.config.tags ?? ''))) allowed.add(t);
    }
  }
  for (const t of registered) {
    if (privileged) allowed.add(t);
    else allowed.delete(t);
  }
  return { allowed, registered, freeform: userAllow === 'free' };
}

function allowedTags(ctx: RequestContext): string[] {
  const privileged = hasPrivilege(ctx.principal, '/', 'Sys.Modify');
  return [...tagAccess(ctx, privileged).allowed].sort();
}

/** PVE::DataCenterConfig::parse_datacenter_config for the options it turns into structures. */
function parsedOption(ctx: RequestContext, key: string, text: string): unknown {
  if (key === 'registered-tags') return text.split(';');
  const format = ctx.endpoint.parameters?.properties?.[key]?.format;
  if ((key !== 'tag-style' && key !== 'user-tag-access') || typeof format !== 'object') return text;
  const parsed = parsePropertyString(text, format);
  if (!parsed.ok) return text;
  // parse_boolean gives Perl's 1/0, which the JSON answer carries as numbers
  const values = Object.fromEntries(
    Object.entries(parsed.values).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : v]),
  );
  if (typeof values['user-allow-list'] === 'string')
    values['user-allow-list'] = values['user-allow-list'].split(';');
  return values;
}

/** PUT /cluster/options (set_options): Sys.Modify on `/`; sets the given keys, drops `delete`. */
export const setClusterOptions: Handler = (ctx) => {
  requirePrivs(ctx.principal, '/', ['Sys.Modify']);
  const dc = ctx.sim.cluster.datacenter;
  for (const [key, value] of Object.entries(ctx.values)) {
    if (key !== 'delete') dc[key] = parsedOption(ctx, key, asText(value));
  }
  for (const key of splitList(asText(ctx.values.delete ?? ''))) delete dc[key];
  ctx.sim.cluster.version += 1;
  return null;
};
