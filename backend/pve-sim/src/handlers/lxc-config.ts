import { splitPropertyString, type Guest } from '../cluster/model.js';
import { PveError, asText, paramString, requirePrivs, type Handler } from '../server/context.js';
import { configDigest } from './lxc-read.js';
import { NOT_STORED, privilegeForKey, storedValue } from './lxc-options.js';
import { assertUnlocked, lxcOn } from './views.js';

const UNDELETABLE = new Set(['rootfs', 'arch', 'lock', 'template', 'unprivileged']);

/** A PUT may change rootfs mount options but never its volume or size (that is `resize`). */
function mergeRootfs(current: string, requested: string): string {
  const { volume, size } = splitPropertyString(current, 'volume');
  const { volume: _volume, size: _size, ...options } = splitPropertyString(requested, 'volume');
  const parts = Object.entries(options).map(([k, v]) => `${k}=${v}`);
  return [volume, ...parts, ...(size ? [`size=${size}`] : [])].join(',');
}

function assertDigest(g: Guest, digest: string | undefined): void {
  if (digest !== undefined && digest !== configDigest(g)) {
    throw new PveError(
      500,
      'detected modified configuration - file changed by other user? Try again.',
    );
  }
}

export const updateLxcConfig: Handler = (ctx) => {
  const { cluster } = ctx.sim;
  const g = lxcOn(ctx);
  assertUnlocked(g);
  assertDigest(g, paramString(ctx, 'digest'));
  const deletes = (paramString(ctx, 'delete') ?? '').split(/[,;\s\0]+/).filter(Boolean);
  const updates = Object.entries(ctx.values).filter(([k]) => !NOT_STORED.has(k));
  for (const key of [...deletes, ...updates.map(([k]) => k)]) {
    requirePrivs(ctx.principal, `/vms/${g.vmid}`, [privilegeForKey(key)]);
  }
  const undeletable = deletes.find((key) => UNDELETABLE.has(key));
  if (undeletable) {
    throw new PveError(400, 'Parameter verification failed.', {
      delete: `unable to delete '${undeletable}'`,
    });
  }
  for (const [key, value] of updates) {
    g.config[key] =
      key === 'rootfs'
        ? mergeRootfs(String(g.config.rootfs), asText(value))
        : storedValue(key, value, () => cluster.mac(g.vmid));
  }
  for (const key of deletes) delete g.config[key];
  cluster.version++;
  return null;
};
