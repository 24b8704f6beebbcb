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

/**
 * PVE::GuestHelpers::get_allowed_tags with user-tag-access `free` (its default): the tags of the
 * guests the user may audit (all of them with Sys.Modify on `/`), plus registered ones for the
 * privileged. Stricter user-tag-access modes are not simulated.
 */
function allowedTags(ctx: RequestContext): string[] {
  const p = ctx.principal;
  const privileged = hasPrivilege(p, '/', 'Sys.Modify');
  const tags = new Set<string>();
  for (const g of ctx.sim.cluster.guests.values()) {
    if (!privileged && !hasPrivilege(p, `/vms/${g.vmid}`, 'VM.Audit')) continue;
    for (const t of splitList(String(g.config.tags ?? ''))) tags.add(t);
  }
  const registered = (ctx.sim.cluster.datacenter['registered-tags'] ?? []) as string[];
  for (const t of registered) {
    if (privileged) tags.add(t);
    else tags.delete(t);
  }
  return [...tags].sort();
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
