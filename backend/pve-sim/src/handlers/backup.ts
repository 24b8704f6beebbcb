import { TaskLogError } from '../cluster/tasks.js';
import {
  backupStamp,
  guestLock,
  guestMaxdisk,
  guestName,
  type Guest,
  type SimNode,
} from '../cluster/model.js';
import {
  PveError,
  paramBool,
  paramString,
  permissionError,
  requirePrivs,
  type Handler,
  type RequestContext,
} from '../server/context.js';
import { hasPrivilege, principalName, type Principal } from '../server/principal.js';
import { DURATION_MS } from './durations.js';
import { bootGuest, haltGuest } from './lxc-power.js';
import { nodeNamed } from './views.js';

/** PVE::VZDump::compressor_info: the archive extension for each `compress` value. */
const COMPRESS_EXT: Record<string, string> = {
  '0': '',
  '1': '.lzo',
  gzip: '.gz',
  lzo: '.lzo',
  zstd: '.zst',
};
const BACKUP_NAME =
  /^vzdump-(lxc|qemu|openvz)-(\d+)-\d{4}_\d{2}_\d{2}-\d{2}_\d{2}_\d{2}\.(tar|vma)(\.(zst|gz|lzo))?$/;

/** PVE::VZDump's verify_notes_template: `\n`, `\\` and the four variables, nothing else. */
function verifyNotesTemplate(template: string): void {
  const problems: string[] = [];
  if (template.includes('\n')) throw paramError('notes-template', 'contains a line feed');
  for (const m of template.matchAll(/\\(.)/g)) {
    if (!/^[n\\]$/.test(m[1])) problems.push(`escape sequence '\\${m[1]}' at char ${m.index}`);
  }
  for (const m of template.matchAll(/\{\{([^\s{}]+)\}\}/g)) {
    if (!/^(cluster|guestname|node|vmid)$/.test(m[1]))
      problems.push(`variable '${m[1]}' at char ${(m.index ?? 0) + 2}`);
  }
  if (problems.length) throw paramError('notes-template', `found unknown: ${problems.join(', ')}`);
}

function paramError(key: string, message: string): PveError {
  return new PveError(400, 'Parameter verification failed.', { [key]: message });
}

/** PVE::VZDump's generate_notes. */
function renderNotes(template: string, vars: Record<string, string>): string {
  return template
    .replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'))
    .replace(/\{\{(cluster|guestname|node|vmid)\}\}/g, (_, k: string) => vars[k]);
}

function hms(sec: number): string {
  const p = (n: number): string => String(Math.floor(n)).padStart(2, '0');
  return `${p(sec / 3600)}:${p((sec % 3600) / 60)}:${p(sec % 60)}`;
}

/** 'local:backup/vzdump-lxc-100-...' -> owner vmid and guest type, as parse_volname reads it. */
export function parseBackupVolid(
  volid: string,
): { storage: string; file: string; vmid: number; type: 'lxc' | 'qemu' } | undefined {
  const m = /^([a-z][a-z0-9\-_.]*[a-z0-9]):backup\/(.+)$/i.exec(volid);
  const name = m ? BACKUP_NAME.exec(m[2]) : null;
  if (!m || !name) return undefined;
  return {
    storage: m[1],
    file: m[2],
    vmid: Number(name[2]),
    type: name[1] === 'qemu' ? 'qemu' : 'lxc',
  };
}

/** PVE::VZDump::storage_info: the storage must exist and allow `backup` content. */
function backupStorageError(ctx: RequestContext, storage: string): string | undefined {
  const def = ctx.sim.cluster.storage(storage);
  if (!def)
    return `could not get storage information for '${storage}': storage '${storage}' does not exist`;
  if (!def.content.includes('backup'))
    return `could not get storage information for '${storage}': can't use storage '${storage}' for backups - wrong content type`;
  return undefined;
}

/** API2/VZDump.pm vzdump: checks before the fork, in its order. */
function checkVzdumpParams(ctx: RequestContext): void {
  const p = ctx.principal;
  const isRoot = p.userid === 'root@pam' && !p.tokenid;
  if (paramBool(ctx, 'stdout'))
    throw paramError('stdout', 'option is only allowed on the command line interface.');
  for (const key of ['tmpdir', 'dumpdir', 'script', 'job-id']) {
    if (ctx.values[key] !== undefined && !isRoot)
      throw paramError(key, 'Only root may set this option.');
  }
  for (const key of ['bwlimit', 'performance', 'ionice']) {
    if (ctx.values[key] !== undefined) requirePrivs(p, '/', ['Sys.Modify']);
  }
  if (ctx.values.all && ctx.values.vmid)
    throw paramError('all', "option conflicts with option 'vmid'");
  if (ctx.values.pool && ctx.values.vmid)
    throw paramError('pool', "option conflicts with option 'vmid'");
  const template = paramString(ctx, 'notes-template');
  if (template) verifyNotesTemplate(template);
  if (!(ctx.values.all || ctx.values.stop || ctx.values.pool) && !ctx.values.vmid)
    throw paramError('vmid', 'property is missing');
}

/** get_included_guests: this node's guests of the list; unknown ids stay in (and fail visibly). */
function includedVmids(ctx: RequestContext, node: SimNode): number[] {
  const { cluster } = ctx.sim;
  if (ctx.values.all) return cluster.guestsOn(node.name).map((g) => g.vmid);
  if (ctx.values.pool) {
    const name = paramString(ctx, 'pool') ?? '';
    const pool = cluster.pools.get(name);
    if (!pool) throw new PveError(500, `no such pool '${name}'`);
    return [...pool.members].filter((id) => cluster.guests.get(id)?.node === node.name);
  }
  const ids = (paramString(ctx, 'vmid') ?? '')
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map(Number);
  return [...new Set(ids)]
    .filter((id) => {
      const g = cluster.guests.get(id);
      return !g || g.node === node.name;
    })
    .sort((a, b) => a - b);
}

interface BackupRun {
  vmid: number;
  guest?: Guest;
  mode: string;
  wasRunning: boolean;
  stopped: boolean;
  error?: string;
  started: number;
}

/**
 * POST /nodes/{node}/vzdump (pve-manager API2/VZDump.pm, PVE/VZDump.pm exec_backup and
 * exec_backup_task, pve-container VZDump/LXC.pm): a `vzdump` worker; each CT is locked `backup`
 * while it runs; stop mode stops a running CT and starts it again afterwards, suspend mode freezes
 * it (it stays running), snapshot mode needs snapshot-capable volumes and falls back to suspend.
 */
export const vzdump: Handler = (ctx) => {
  const node = nodeNamed(ctx);
  checkVzdumpParams(ctx);
  const vmids = includedVmids(ctx, node);
  // silent exit if the guests run on other nodes
  if (vmids.length === 0 && !ctx.values.all) return 'OK';
  const storage = paramString(ctx, 'storage') ?? 'local';
  if (ctx.values.storage !== undefined)
    requirePrivs(ctx.principal, `/storage/${storage}`, ['Datastore.AllocateSpace']);
  if (ctx.values['prune-backups'] !== undefined)
    requirePrivs(ctx.principal, `/storage/${storage}`, ['Datastore.Allocate']);
  const mode = paramString(ctx, 'mode') ?? 'snapshot';
  const compress = paramString(ctx, 'compress') ?? '0';
  const notesTemplate = paramString(ctx, 'notes-template');
  const markProtected = paramBool(ctx, 'protected');
  const user = principalName(ctx.principal);
  const runs: BackupRun[] = [];
  const log: string[] = [];
  const begin = (): string[] => {
    const now = Math.floor(ctx.sim.nowSec());
    const cmd = `vzdump ${vmids.join(' ')} --storage ${storage} --mode ${mode} --compress ${compress} --node ${node.name}`;
    const out = [`INFO: starting new backup job: ${cmd}`];
    const storageError = backupStorageError(ctx, storage);
    if (storageError) throw new Error(storageError);
    for (const vmid of vmids) {
      const guest = ctx.sim.cluster.guests.get(vmid);
      if (guest && !hasPrivilege(ctx.principal, `/vms/${vmid}`, 'VM.Backup')) {
        if (ctx.values.all) continue;
        throw permissionError(`/vms/${vmid}`, ['VM.Backup']);
      }
      runs.push({ vmid, guest, mode, wasRunning: false, stopped: false, started: now });
    }
    for (const run of runs) out.push(...startBackup(ctx, run));
    return out;
  };
  const work = (): string[] => {
    const out: string[] = [];
    for (const run of runs) {
      out.push(
        ...finishBackup(ctx, run, { storage, compress, notesTemplate, markProtected, node }),
      );
    }
    const failed = runs.filter((r) => r.error).length;
    out.push(`INFO: Backup job finished ${failed ? 'with errors' : 'successfully'}`);
    if (failed) throw new TaskLogError(out, 'job errors');
    return out;
  };
  return ctx.sim.tasks.start({
    node: node.name,
    type: 'vzdump',
    id: vmids.length === 1 ? String(vmids[0]) : '',
    user,
    durationMs: DURATION_MS.vzdump,
    nodeBootAt: node.bootAt,
    log,
    begin,
    work,
  }).upid;
};

/** exec_backup_task up to the archive: status, lock, mode, stop or suspend. */
function startBackup(ctx: RequestContext, run: BackupRun): string[] {
  const g = run.guest;
  const kind = g?.type === 'qemu' ? 'qemu' : 'lxc';
  const out = [`INFO: Starting Backup of VM ${run.vmid} (${kind})`];
  out.push(
    `INFO: Backup started at ${new Date(run.started * 1000).toISOString().slice(0, 19).replace('T', ' ')}`,
  );
  if (!g) {
    run.error = `unable to find VM '${run.vmid}'`;
    out.push(`ERROR: Backup of VM ${run.vmid} failed - ${run.error}`);
    return out;
  }
  run.wasRunning = g.status === 'running';
  out.push(`INFO: status = ${g.status}`);
  const lock = guestLock(g);
  if (lock) {
    run.error = `${g.type === 'lxc' ? 'CT' : 'VM'} is locked (${lock})`;
    out.push(`ERROR: Backup of VM ${run.vmid} failed - ${run.error}`);
    return out;
  }
  g.config.lock = 'backup';
  ctx.sim.cluster.version++;
  out.push(`INFO: CT Name: ${guestName(g)}`, `INFO: including mount point rootfs ('/') in backup`);
  let mode = run.wasRunning ? run.mode : 'stop';
  if (mode === 'snapshot' && !snapshotCapable(ctx, g)) {
    out.push(
      'INFO: mode failure - some volumes do not support snapshots',
      "INFO: trying 'suspend' mode instead",
    );
    mode = 'suspend';
  }
  run.mode = mode;
  out.push(`INFO: backup mode: ${mode}`, 'INFO: ionice priority: 7');
  if (mode === 'stop' && run.wasRunning) {
    out.push('INFO: stopping virtual guest');
    haltGuest(ctx.sim, g);
    run.stopped = true;
  } else if (mode === 'suspend') {
    out.push(
      `INFO: starting first sync /proc/${g.pid}/root/ to /var/tmp/vzdumptmp${run.vmid}`,
      'INFO: suspending guest',
      `INFO: starting final sync /proc/${g.pid}/root/ to /var/tmp/vzdumptmp${run.vmid}`,
      'INFO: resuming guest',
    );
  } else if (mode === 'snapshot') {
    out.push("INFO: create storage snapshot 'vzdump'");
  }
  return out;
}

/** The rest of exec_backup_task: archive, size, notes, protection, unlock, restart. */
function finishBackup(
  ctx: RequestContext,
  run: BackupRun,
  opts: {
    storage: string;
    compress: string;
    notesTemplate?: string;
    markProtected: boolean;
    node: SimNode;
  },
): string[] {
  const g = run.guest;
  if (run.error || !g) return [];
  const { cluster } = ctx.sim;
  const ext = `${g.type === 'qemu' ? '.vma' : '.tar'}${COMPRESS_EXT[opts.compress] ?? ''}`;
  const file = `vzdump-${g.type}-${run.vmid}-${backupStamp(run.started)}${ext}`;
  const ratio = opts.compress === '0' ? 0.45 : 0.18;
  const size = Math.round(guestMaxdisk(g) * ratio) + (run.vmid % 97) * 4096;
  const out = [
    `INFO: creating vzdump archive '/var/lib/vz/dump/${file}'`,
    `INFO: Total bytes written: ${Math.round(size / ratio / 2)}`,
    `INFO: archive file size: ${(size / 1024 ** 2).toFixed(0)}MB`,
  ];
  const { lock: _lock, ...archived } = g.config;
  const volume = {
    node: opts.node.name,
    storage: opts.storage,
    volid: `${opts.storage}:backup/${file}`,
    content: 'backup' as const,
    format: ext.slice(1),
    size,
    ctime: run.started,
    vmid: run.vmid,
    subtype: g.type,
    archivedConfig: { ...archived },
  } as Parameters<typeof cluster.addBackup>[0];
  if (opts.notesTemplate) {
    out.push('INFO: adding notes to backup');
    volume.notes = renderNotes(opts.notesTemplate, {
      cluster: cluster.name,
      guestname: guestName(g),
      node: opts.node.name,
      vmid: String(run.vmid),
    }).split('\n')[0];
  }
  if (opts.markProtected) {
    out.push('INFO: marking backup as protected');
    volume.protected = true;
  }
  cluster.addBackup(volume);
  if (run.stopped) {
    out.push('INFO: restarting vm');
    bootGuest(ctx.sim, g);
  }
  if (guestLock(g) === 'backup') delete g.config.lock;
  cluster.version++;
  const took = Math.max(1, Math.floor(ctx.sim.nowSec()) - run.started);
  out.push(
    `INFO: Finished Backup of VM ${run.vmid} (${hms(took)})`,
    `INFO: Backup finished at ${new Date(ctx.sim.nowSec() * 1000).toISOString().slice(0, 19).replace('T', ' ')}`,
  );
  return out;
}

/** LXC::Config has_feature('vzdump') with snapshots: every volume on LVM-thin in pve-sim. */
function snapshotCapable(ctx: RequestContext, g: Guest): boolean {
  return Object.entries(g.config)
    .filter(([k]) => k === 'rootfs' || /^mp\d+$/.test(k) || /^scsi\d+$/.test(k))
    .every(([, v]) => ctx.sim.cluster.storage(String(v).split(':')[0])?.type === 'lvmthin');
}

/**
 * PVE::Storage::check_volume_access for a backup archive: Datastore.Allocate on the storage is
 * enough; the owner guest itself may use it; otherwise Datastore.AllocateSpace plus VM.Backup on
 * the owner.
 */
export function checkBackupAccess(p: Principal, volid: string, vmid?: number): void {
  const parsed = parseBackupVolid(volid);
  if (!parsed) return;
  if (hasPrivilege(p, `/storage/${parsed.storage}`, 'Datastore.Allocate')) return;
  if (vmid !== undefined && parsed.vmid === vmid) return;
  requirePrivs(p, `/storage/${parsed.storage}`, ['Datastore.AllocateSpace']);
  requirePrivs(p, `/vms/${parsed.vmid}`, ['VM.Backup']);
}

/**
 * DELETE /nodes/{node}/storage/{storage}/content/{volume} (pve-storage API2/Storage/Content.pm
 * delete): backups of a guest need Datastore.AllocateSpace and VM.Backup on it, other volumes
 * Datastore.Allocate; the `imgdel` worker refuses protected volumes (Plugin.pm free_image).
 */
export const deleteVolume: Handler = (ctx) => {
  const node = nodeNamed(ctx);
  const { cluster } = ctx.sim;
  const given = paramString(ctx, 'storage');
  let volid = String(ctx.values.volume);
  if (!volid.includes(':')) {
    if (!given) throw paramError('volume', `unable to parse volume ID '${volid}'`);
    volid = `${given}:${volid}`;
  }
  const storeid = volid.split(':')[0];
  if (given && given !== storeid)
    throw paramError('storage', `storage ID mismatch ('${given}' != '${storeid}')`);
  if (!cluster.storage(storeid)) throw new PveError(500, `storage '${storeid}' does not exist`);
  const backup = parseBackupVolid(volid);
  if (backup) {
    requirePrivs(ctx.principal, `/storage/${storeid}`, ['Datastore.AllocateSpace']);
    requirePrivs(ctx.principal, `/vms/${backup.vmid}`, ['VM.Backup']);
  } else {
    requirePrivs(ctx.principal, `/storage/${storeid}`, ['Datastore.Allocate']);
  }
  const owner = backup?.vmid ?? cluster.findVolume(node.name, volid)?.vmid;
  return ctx.sim.tasks.start({
    node: node.name,
    type: 'imgdel',
    id: `${owner !== undefined ? `${owner}@` : ''}${storeid}`,
    user: principalName(ctx.principal),
    durationMs: DURATION_MS.imgdel,
    nodeBootAt: node.bootAt,
    log: [],
    work: () => {
      const volume = cluster.findVolume(node.name, volid);
      const volname = volid.slice(storeid.length + 1);
      if (volume?.protected)
        throw new Error(`cannot remove protected volume '${volname}' on '${storeid}'`);
      if (!volume)
        return [`disk image '/var/lib/vz/dump/${volname.split('/').pop()}' does not exist`];
      cluster.removeVolume(node.name, volid);
      return [`Removed volume '${volid}'`];
    },
  }).upid;
};

/** The `backup` fields of a content entry, as Plugin.pm list_volumes gives them. */
export function backupEntryFields(v: {
  notes?: string;
  protected?: boolean;
  subtype?: string;
}): Record<string, unknown> {
  const out: Record<string, unknown> = { subtype: v.subtype ?? 'unknown' };
  if (v.notes !== undefined) out.notes = v.notes;
  if (v.protected) out.protected = 1;
  return out;
}

/** May the principal see this backup in a content listing (check_volume_access)? */
export function mayListBackup(p: Principal, storage: string, vmid: number | undefined): boolean {
  if (hasPrivilege(p, `/storage/${storage}`, 'Datastore.Allocate')) return true;
  if (vmid === undefined) return false;
  return (
    hasPrivilege(p, `/storage/${storage}`, 'Datastore.AllocateSpace') &&
    hasPrivilege(p, `/vms/${vmid}`, 'VM.Backup')
  );
}
