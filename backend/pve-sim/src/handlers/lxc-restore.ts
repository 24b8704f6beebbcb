import {
  GIB,
  guestMaxdisk,
  joinPropertyString,
  splitPropertyString,
  type Guest,
} from '../cluster/model.js';
import { guestProfile } from '../metrics/profiles.js';
import {
  PveError,
  paramBool,
  paramString,
  paramVmid,
  requirePrivs,
  type RequestContext,
} from '../server/context.js';
import { hasPrivilege, principalName } from '../server/principal.js';
import { checkBackupAccess, parseBackupVolid } from './backup.js';
import { DURATION_MS } from './durations.js';
import { NOT_STORED, storedValue } from './lxc-options.js';
import { bootGuest } from './lxc-power.js';
import { nodeNamed } from './views.js';

function paramError(key: string, message: string): PveError {
  return new PveError(400, 'Parameter verification failed.', { [key]: message });
}

/**
 * POST /nodes/{node}/lxc with `restore=1` (pve-container API2/LXC.pm create_vm, restore path): the
 * archive comes as `ostemplate`; a free vmid, or an existing CT on this node with `force` (it must
 * be stopped and not protected; VM.Backup on it is then enough instead of VM.Allocate). The config
 * is written locked `create` before the `vzrestore` worker replaces disks and config.
 */
export function restoreLxc(ctx: RequestContext): string {
  const { cluster } = ctx.sim;
  const node = nodeNamed(ctx);
  const vmid = paramVmid(ctx);
  const force = paramBool(ctx, 'force');
  const unique = paramBool(ctx, 'unique');
  const archive = String(ctx.values.ostemplate);
  const p = ctx.principal;
  const existing = cluster.guests.get(vmid);
  const sameExists =
    existing !== undefined && existing.node === node.name && existing.type === 'lxc';
  if (paramBool(ctx, 'ha-managed')) requirePrivs(p, '/', ['Sys.Console']);
  if (!(sameExists && force)) {
    if (existing) {
      const kind = existing.type === 'lxc' ? 'CT' : 'VM';
      throw new PveError(500, `${kind} ${vmid} already exists on node '${existing.node}'`);
    }
  } else {
    if (existing.status === 'running') throw new PveError(500, "can't overwrite running container");
    if (Number(existing.config.protection ?? 0) === 1)
      throw new PveError(500, `unable to restore CT ${vmid} - protection mode enabled`);
  }
  const pool = paramString(ctx, 'pool');
  if (pool && !cluster.pools.has(pool)) throw new PveError(500, `pool '${pool}' does not exist`);
  const allowed =
    hasPrivilege(p, `/vms/${vmid}`, 'VM.Allocate') ||
    (pool !== undefined && hasPrivilege(p, `/pool/${pool}`, 'VM.Allocate')) ||
    (force && sameExists && hasPrivilege(p, `/vms/${vmid}`, 'VM.Backup'));
  if (!allowed) throw new PveError(403, 'Permission check failed');
  const storage = paramString(ctx, 'storage') ?? 'local';
  // PVE::Storage::check_volume_access($vmid, $ostemplate, 'backup')
  const parsed = parseBackupVolid(archive);
  const archiveStorage = archive.split(':')[0];
  if (!cluster.storage(archiveStorage))
    throw new PveError(500, `storage '${archiveStorage}' does not exist`);
  if (!parsed)
    throw new PveError(500, `unable to use volume ${archive} - content type needs to be 'backup'`);
  checkBackupAccess(p, archive, vmid);
  const def = cluster.storage(storage);
  if (!def) throw new PveError(500, `storage '${storage}' does not exist`);
  if (!def.content.includes('rootdir'))
    throw paramError('storage', `storage '${storage}' does not support container directories`);
  requirePrivs(p, `/storage/${storage}`, ['Datastore.AllocateSpace']);

  const guest = sameExists ? existing : placeholder(ctx, vmid, node.name);
  guest.config.lock = 'create';
  if (!sameExists) cluster.addGuest(guest, pool);
  cluster.version++;
  const start = paramBool(ctx, 'start');
  const file = parsed.file;
  return ctx.sim.tasks.start({
    node: node.name,
    type: 'vzrestore',
    id: String(vmid),
    user: principalName(p),
    durationMs: DURATION_MS.vzrestore,
    nodeBootAt: node.bootAt,
    log: [`recovering backed-up configuration from '${archive}'`],
    work: () => {
      const volume = cluster.findVolume(node.name, archive);
      if (!volume?.archivedConfig) {
        if (!sameExists) cluster.removeGuest(vmid);
        else delete guest.config.lock;
        cluster.version++;
        throw new Error(`unable to restore CT ${vmid} - volume '${archive}' does not exist`);
      }
      const config = restoredConfig(ctx, vmid, volume.archivedConfig, storage, unique);
      const sizeGiB = Math.max(1, Math.round(guestMaxdisk({ ...guest, config }) / GIB));
      cluster.removeGuestDisks(vmid);
      guest.config = config;
      if (guest.snapshots) guest.snapshots.clear();
      delete guest.pending;
      cluster.addVolume(node.name, storage, `vm-${vmid}-disk-0`, sizeGiB * GIB, vmid, 'lxc');
      if (start) bootGuest(ctx.sim, guest);
      cluster.version++;
      return [
        `  Logical volume "vm-${vmid}-disk-0" created.`,
        `Creating filesystem with ${sizeGiB * 262144} 4k blocks and ${sizeGiB * 65536} inodes`,
        `restoring '${archive}' now..`,
        `extracting archive '/var/lib/vz/dump/${file}'`,
        `Total bytes read: ${volume.size * 2} (${Math.round((volume.size * 2) / 1024 ** 2)}MiB)`,
        'merging backed-up and given configuration..',
      ];
    },
  }).upid;
}

/** create_and_lock_config for a new id: an empty config, locked `create`. */
function placeholder(ctx: RequestContext, vmid: number, node: string): Guest {
  const now = ctx.sim.nowSec();
  return {
    vmid,
    type: 'lxc',
    node,
    status: 'stopped',
    config: {},
    createdAt: now,
    bootAt: now,
    runs: [],
    pid: 0,
    profile: guestProfile(ctx.sim.cluster.seed, vmid),
  };
}

/**
 * LXC::Create::restore_configuration: the archived config, its volumes moved to `storage` under
 * the new id, new MAC addresses with `unique`, then the given parameters on top.
 */
function restoredConfig(
  ctx: RequestContext,
  vmid: number,
  archived: Guest['config'],
  storage: string,
  unique: boolean,
): Guest['config'] {
  const { cluster } = ctx.sim;
  const config: Guest['config'] = { ...archived };
  delete config.lock;
  delete config.parent;
  if (config.rootfs !== undefined) {
    const { volume: _v, ...opts } = splitPropertyString(String(config.rootfs), 'volume');
    config.rootfs = joinPropertyString(
      { volume: `${storage}:vm-${vmid}-disk-0`, ...opts },
      'volume',
    );
  }
  for (const key of Object.keys(config)) {
    if (!/^net\d+$/.test(key) || !unique) continue;
    config[key] = String(config[key]).replace(/hwaddr=[^,]+/, `hwaddr=${cluster.mac(vmid)}`);
  }
  for (const [key, value] of Object.entries(ctx.values)) {
    if (NOT_STORED.has(key) || key === 'rootfs') continue;
    config[key] = storedValue(key, value, () => cluster.mac(vmid), cluster.tagStyle());
  }
  return config;
}
