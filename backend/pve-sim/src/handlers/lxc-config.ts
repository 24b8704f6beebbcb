import { splitPropertyString, type Guest } from '../cluster/model.js';
import {
  PveError,
  asText,
  paramString,
  type Handler,
  type RequestContext,
} from '../server/context.js';
import { checkModifyConfigPerm } from './lxc-config-perm.js';
import { NOT_STORED, storedValue } from './lxc-options.js';
import {
  addPendingDelete,
  applyModified,
  configDigest,
  revertPending,
  setPending,
} from './lxc-pending.js';
import { assertUnlocked, lxcOn } from './views.js';

/** A PUT may change rootfs mount options but never its volume or size (that is `resize`). */
function mergeRootfs(current: string, requested: string): string {
  const { volume, size } = splitPropertyString(current, 'volume');
  const { volume: _volume, size: _size, ...options } = splitPropertyString(requested, 'volume');
  const parts = Object.entries(options).map(([k, v]) => `${k}=${v}`);
  return [volume, ...parts, ...(size ? [`size=${size}`] : [])].join(',');
}

/** PVE::Tools::assert_if_modified */
export function assertDigest(g: Guest, digest: string | undefined): void {
  if (digest !== undefined && digest !== configDigest(g)) {
    throw new PveError(
      500,
      'detected modified configuration - file changed by other user? Try again.',
    );
  }
}

/**
 * PVE::LXC::check_ct_modify_config_perm for one set (`value` given) or deleted key; the rules live
 * in lxc-config-perm.ts, shared with create.
 */
export function checkModifyPermissions(
  ctx: RequestContext,
  g: Guest,
  key: string,
  value: string | undefined,
): void {
  checkModifyConfigPerm(ctx, {
    vmid: g.vmid,
    old: g.config,
    set: value === undefined ? {} : { [key]: value },
    delete: value === undefined ? [key] : [],
    unprivileged: Number(g.config.unprivileged ?? 0) === 1,
  });
}

/** PVE::LXC::Config->option_exists: a key of the CT config schema. */
function optionExists(ctx: RequestContext, key: string): boolean {
  if (/^(net|mp|unused|dev)\d+$/.test(key)) return true;
  return !NOT_STORED.has(key) && key in (ctx.endpoint.parameters?.properties ?? {});
}

function listParam(ctx: RequestContext, key: string): string[] {
  return (paramString(ctx, key) ?? '').split(/[,;\s\0]+/).filter(Boolean);
}

function checkDeletes(ctx: RequestContext, deletes: string[], reverts: string[]): void {
  for (const key of reverts) {
    if (!optionExists(ctx, key))
      throw new PveError(400, 'Parameter verification failed.', {
        revert: `unknown option '${key}'`,
      });
    if (ctx.values[key] !== undefined)
      throw new PveError(400, 'Parameter verification failed.', {
        revert: `you can't use '-${key}' and '-revert ${key}' at the same time`,
      });
  }
  for (const key of deletes) {
    if (!optionExists(ctx, key))
      throw new PveError(400, 'Parameter verification failed.', {
        delete: `unknown option '${key}'`,
      });
    if (ctx.values[key] !== undefined)
      throw new PveError(400, 'Parameter verification failed.', {
        delete: `you can't use '-${key}' and -delete ${key}' at the same time`,
      });
    if (reverts.includes(key))
      throw new PveError(400, 'Parameter verification failed.', {
        delete: `you can't use '-delete ${key}' and '-revert ${key}' at the same time`,
      });
  }
}

/** LXC/Config.pm update_pct_config, the delete half. */
function queueDeletes(g: Guest, deletes: string[], modified: Set<string>): void {
  for (const key of deletes) {
    if (g.config[key] === undefined && g.pending?.values[key] === undefined) continue;
    modified.add(key);
    if (['memory', 'rootfs', 'ostype'].includes(key))
      throw new PveError(500, `unable to delete required option '${key}'`);
    if (/^(mp|unused)\d+$/.test(key))
      assertUnprotected(g, `can't remove CT ${g.vmid} drive '${key}'`);
    if (key === 'unprivileged')
      throw new PveError(500, `unable to delete read-only option: '${key}'`);
    addPendingDelete(g, key);
  }
}

/** AbstractConfig::check_protection */
export function assertUnprotected(g: Guest, what: string): void {
  if (Number(g.config.protection ?? 0) === 1)
    throw new PveError(500, `${what} - protection mode enabled`);
}

/** LXC/Config.pm update_pct_config, the add/change half. */
function queueSets(
  ctx: RequestContext,
  g: Guest,
  updates: [string, unknown][],
  modified: Set<string>,
): void {
  for (const [key, value] of updates.sort(([a], [b]) => a.localeCompare(b))) {
    modified.add(key);
    if (key === 'rootfs' || /^mp\d+$/.test(key))
      assertUnprotected(g, `can't update CT ${g.vmid} drive '${key}'`);
    if (key === 'unprivileged')
      throw new PveError(500, `unable to modify read-only option: '${key}'`);
    const stored =
      key === 'rootfs'
        ? mergeRootfs(String(g.config.rootfs), asText(value))
        : storedValue(key, value, () => ctx.sim.cluster.mac(g.vmid), ctx.sim.cluster.tagStyle());
    setPending(g, key, stored);
  }
}

/**
 * PUT /nodes/{node}/lxc/{vmid}/config (API2/LXC/Config.pm update_vm): synchronous. Under the
 * config lock: lock check, digest, per-key permissions, then update_pct_config; a running CT
 * keeps what cannot be hotplugged in `[pending]`.
 */
export const updateLxcConfig: Handler = (ctx) => {
  const g = lxcOn(ctx);
  const updates = Object.entries(ctx.values).filter(([k]) => !NOT_STORED.has(k));
  const deletes = listParam(ctx, 'delete');
  const reverts = listParam(ctx, 'revert');
  if (updates.length === 0 && deletes.length === 0 && reverts.length === 0)
    throw new PveError(500, 'no options specified');
  assertUnlocked(g);
  assertDigest(g, paramString(ctx, 'digest'));
  for (const key of [...deletes, ...reverts]) checkModifyPermissions(ctx, g, key, undefined);
  checkDeletes(ctx, deletes, reverts);
  for (const [key, value] of updates) checkModifyPermissions(ctx, g, key, asText(value));
  // nothing is written when update_pct_config dies half-way
  const before = { config: { ...g.config }, pending: structuredClone(g.pending) };
  try {
    for (const key of reverts) revertPending(g, key);
    const modified = new Set<string>();
    queueDeletes(g, deletes, modified);
    queueSets(ctx, g, updates, modified);
    applyModified(g, modified, g.status === 'running');
  } catch (error) {
    g.config = before.config;
    g.pending = before.pending;
    throw error;
  }
  ctx.sim.cluster.version++;
  return null;
};
