import { splitPropertyString } from '../cluster/model.js';
import { PveError, paramString, requirePrivs, type Handler } from '../server/context.js';
import { configDigest } from './lxc-read.js';
import { NOT_STORED, privilegeForKey, storedValue } from './lxc-options.js';
import { assertUnlocked, lxcOn } from './views.js';

/** Keys the config file keeps but no PUT may set directly. */
const READ_ONLY = new Set(['arch', 'lock', 'template', 'unprivileged']);

export const updateLxcConfig: Handler = (ctx) => {
  const { cluster } = ctx.sim;
  const g = lxcOn(ctx);
  assertUnlocked(g);
  const digest = paramString(ctx, 'digest');
  if (digest !== undefined && digest !== configDigest(g)) {
    throw new PveError(500, 'detected modified configuration - file changed by other user? Try again.');
  }
  const deletes = (paramString(ctx, 'delete') ?? '').split(/[,;\s\0]+/).filter(Boolean);
  const updates = Object.entries(ctx.values).filter(([k]) => !NOT_STORED.has(k));
  for (const key of [...deletes, ...updates.map(([k]) => k)]) {
    requirePrivs(ctx.principal, `/vms/${g.vmid}`, [privilegeForKey(key)]);
  }
  for (const key of deletes) {
    if (key === 'rootfs' || READ_ONLY.has(key)) throw new PveError(400, 'Parameter verification failed.', { delete: `unable to delete '${key}'` });
  }
  for (const [key, value] of updates) {
    if (READ_ONLY.has(key)) throw new PveError(400, 'Parameter verification failed.', { [key]: 'property is not defined in schema and the schema does not allow additional properties' });
    if (key === 'rootfs') {
      // A PUT may change mount options but never the volume or its size (that is `resize`).
      const current = splitPropertyString(String(g.config.rootfs), 'volume');
      const next = splitPropertyString(String(value), 'volume');
      g.config.rootfs = [current.volume, ...Object.entries({ ...next, volume: undefined, size: current.size })
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${v}`)].join(',');
      continue;
    }
    g.config[key] = storedValue(key, value, () => cluster.mac(g.vmid));
  }
  for (const key of deletes) delete g.config[key];
  cluster.version++;
  return null;
};
