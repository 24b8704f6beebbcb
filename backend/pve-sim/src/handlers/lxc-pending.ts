import { createHash } from 'node:crypto';
import type { ConfigValue, Guest, PendingChanges } from '../cluster/model.js';

/**
 * Options PVE applies to a running CT by just writing them (LXC/Config.pm $LXC_FASTPLUG_OPTIONS).
 */
const FASTPLUG = new Set([
  'description',
  'onboot',
  'startup',
  'protection',
  'hostname',
  'hookscript',
  'cores',
  'tags',
  'lock',
]);

/** vmconfig_hotplug_pending: what a running CT takes at once when set (cgroup, veth, new mp). */
function hotplugsSet(g: Guest, key: string): boolean {
  if (FASTPLUG.has(key)) return true;
  if (['cpulimit', 'cpuunits', 'memory', 'swap'].includes(key)) return true;
  if (/^net\d+$/.test(key)) return true;
  return /^mp\d+$/.test(key) && g.config[key] === undefined;
}

/** vmconfig_hotplug_pending: what a running CT loses at once when deleted. */
function hotplugsDelete(key: string): boolean {
  if (FASTPLUG.has(key)) return true;
  return ['swap', 'cpulimit', 'cpuunits'].includes(key) || /^(net|unused)\d+$/.test(key);
}

function pendingOf(g: Guest): PendingChanges {
  g.pending ??= { values: {}, delete: [] };
  return g.pending;
}

/** AbstractConfig::add_to_pending_delete: a key queued for deletion loses its pending value. */
export function addPendingDelete(g: Guest, key: string): void {
  const p = pendingOf(g);
  delete p.values[key];
  if (!p.delete.includes(key)) p.delete.push(key);
}

export function setPending(g: Guest, key: string, value: ConfigValue): void {
  const p = pendingOf(g);
  p.values[key] = value;
  p.delete = p.delete.filter((k) => k !== key);
}

export function revertPending(g: Guest, key: string): void {
  if (!g.pending) return;
  delete g.pending.values[key];
  g.pending.delete = g.pending.delete.filter((k) => k !== key);
}

/** AbstractConfig::cleanup_pending: drops values equal to the current ones and deletes of unset keys. */
function cleanupPending(g: Guest): void {
  const p = g.pending;
  if (!p) return;
  for (const [key, value] of Object.entries(p.values)) {
    if (String(g.config[key]) === String(value)) delete p.values[key];
  }
  p.delete = p.delete.filter((k) => g.config[k] !== undefined);
  if (Object.keys(p.values).length === 0 && p.delete.length === 0) delete g.pending;
}

/**
 * update_pct_config's last step: a stopped CT takes every modified key (vmconfig_apply_pending);
 * a running one only what hotplugs, the rest stays pending until the CT stops or starts.
 */
export function applyModified(g: Guest, modified: Set<string>, running: boolean): void {
  cleanupPending(g);
  const p = g.pending;
  if (!p) return;
  for (const key of [...p.delete]) {
    if (!modified.has(key) || (running && !hotplugsDelete(key))) continue;
    delete g.config[key];
    p.delete = p.delete.filter((k) => k !== key);
  }
  for (const [key, value] of Object.entries(p.values)) {
    if (!modified.has(key) || (running && !hotplugsSet(g, key))) continue;
    g.config[key] = value;
    delete p.values[key];
  }
  cleanupPending(g);
}

/** Everything pending, as PVE::LXC::vm_start and the poststop hook apply it. */
export function applyAllPending(g: Guest): void {
  if (!g.pending) return;
  applyModified(g, new Set([...Object.keys(g.pending.values), ...g.pending.delete]), false);
}

/** load_current_config: pending values taken in unless `current`; snapshots and pending left out. */
export function currentConfig(g: Guest, current: boolean): Record<string, ConfigValue> {
  const config = { ...g.config };
  if (current || !g.pending) return config;
  Object.assign(config, g.pending.values);
  for (const key of g.pending.delete) delete config[key];
  return config;
}

/** GuestHelpers::config_with_pending_array, the answer of GET .../pending. */
export function pendingArray(g: Guest): Record<string, unknown>[] {
  const values = g.pending?.values ?? {};
  const deletes = new Set(g.pending?.delete ?? []);
  const out: Record<string, unknown>[] = Object.entries(g.config).map(([key, value]) => {
    const item: Record<string, unknown> = { key, value: String(value) };
    if (values[key] !== undefined) item.pending = String(values[key]);
    if (deletes.has(key)) item.delete = 1;
    return item;
  });
  for (const [key, value] of Object.entries(values)) {
    if (g.config[key] === undefined) out.push({ key, pending: String(value) });
  }
  return out;
}

/** The config file as PVE writes it: main section, [pending] and one section per snapshot. */
function configFileText(g: Guest): string {
  const section = (values: Record<string, ConfigValue>): string =>
    Object.entries(values)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n');
  const parts = [section(g.config)];
  if (g.pending) {
    const del: Record<string, ConfigValue> = g.pending.delete.length
      ? { delete: g.pending.delete.join(',') }
      : {};
    parts.push(`[pending]\n${section({ ...g.pending.values, ...del })}`);
  }
  for (const s of g.snapshots?.values() ?? []) {
    const meta: Record<string, ConfigValue> = { snaptime: s.snaptime };
    if (s.parent) meta.parent = s.parent;
    if (s.description) meta.description = s.description;
    if (s.snapstate) meta.snapstate = s.snapstate;
    parts.push(`[${s.name}]\n${section({ ...s.config, ...meta })}`);
  }
  return parts.join('\n\n');
}

/** SHA1 of the whole config file, as PVE::Cluster's config parsers set `digest`. */
export function configDigest(g: Guest): string {
  return createHash('sha1').update(configFileText(g)).digest('hex');
}
