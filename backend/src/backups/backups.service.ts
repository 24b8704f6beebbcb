import { Injectable } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service.js';
import { CachedReadService } from '../cache/cached-read.service.js';
import { ClusterStateService, type ClusterSnapshot } from '../cache/cluster-state.service.js';
import { ReachabilityService } from '../cache/reachability.service.js';
import { badRequest, conflict, notFound } from '../common/domain-errors.js';
import { freshnessOf } from '../common/freshness.dto.js';
import { ContainersService } from '../containers/containers.service.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import type { BackupParams, PveStorage, Upid } from '../proxmox/proxmox.types.js';
import type { TaskRefDto } from '../tasks/dto/task.dto.js';
import {
  BACKUP_VOLID,
  type BackupDto,
  type BackupFreshnessListDto,
  type BackupJobListDto,
  type BackupListDto,
  type CreateBackupDto,
  type RestoreBackupDto,
  type RestoreResultDto,
} from './dto/backup.dto.js';

const BACKUPS_KEY = 'backups';
const JOBS_KEY = 'backup-jobs';
export const DEFAULT_STALE_DAYS = 7;
const DAY_SEC = 86_400;
const NOTES_VARS = /^(cluster|guestname|node|vmid)$/;
const COMPRESS: Record<NonNullable<CreateBackupDto['compress']>, BackupParams['compress']> = {
  zstd: 'zstd',
  gzip: 'gzip',
  lzo: 'lzo',
  none: '0',
};

/**
 * Backups of the cluster's containers: vzdump archives on every storage whose content allows
 * `backup`, backing up (vzdump), restoring (create with restore=1) and deleting them, with every
 * check Proxmox would make done first, so mistakes are 4xx answers and nothing reaches Proxmox.
 */
@Injectable()
export class BackupsService {
  constructor(
    private readonly proxmox: ProxmoxClient,
    private readonly cluster: ClusterStateService,
    private readonly cached: CachedReadService,
    private readonly reachability: ReachabilityService,
    private readonly activity: ActivityService,
    private readonly containers: ContainersService,
    private readonly permissions: PermissionsService,
  ) {}

  /** Every backup of the cluster, newest first; the last known list (stale) while Proxmox is away. */
  async list(query: { vmid?: number; storage?: string } = {}): Promise<BackupListDto> {
    const read = await this.cached.read(BACKUPS_KEY, () => this.fetchAll());
    const items = read.value.filter(
      (b) =>
        (query.vmid === undefined || b.vmid === query.vmid) &&
        (query.storage === undefined || b.storage === query.storage),
    );
    return { items, ...freshnessOf(read) };
  }

  /**
   * One content listing per backup storage of each online node (a shared storage once): PVE has
   * no cluster-wide view of backups.
   */
  private async fetchAll(): Promise<BackupDto[]> {
    const snapshot = await this.cluster.snapshot();
    const seen = new Set<string>();
    const targets = backupStorages(snapshot).filter((s) => {
      const key = s.shared ? s.storage : `${s.node}/${s.storage}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const lists = await Promise.all(
      targets.map(async (s) =>
        (await this.proxmox.listStorageContent(s.node, s.storage, 'backup'))
          .filter((c) => c.content === 'backup' && c.vmid !== undefined)
          .map(
            (c): BackupDto => ({
              volid: c.volid,
              vmid: c.vmid ?? 0,
              storage: s.storage,
              node: s.node,
              size: c.size,
              ctime: c.ctime ?? 0,
              notes: c.notes ?? '',
              protected: c.protected ?? false,
              format: c.format,
            }),
          ),
      ),
    );
    return lists.flat().sort((a, b) => b.ctime - a.ctime || a.volid.localeCompare(b.volid));
  }

  async backup(vmid: number, dto: CreateBackupDto): Promise<TaskRefDto> {
    const task = await this.startBackupTask(vmid, dto);
    await this.activity.recordTask('backup', `ct/${vmid}`, task);
    return { upid: task.upid };
  }

  /** Starts vzdump without recording it: plans record their whole run as one entry. */
  async startBackupTask(vmid: number, dto: CreateBackupDto): Promise<Upid> {
    this.reachability.assertWritable();
    const guest = await this.containers.locate(vmid);
    this.reachability.assertNodeWritable(guest.node);
    const snapshot = await this.cluster.snapshot();
    const storage = pickBackupStorage(snapshot, guest.node, dto.storage);
    const notesTemplate = dto.notes === undefined ? undefined : toNotesTemplate(dto.notes);
    await this.permissions.assertGranted([
      { path: `/vms/${vmid}`, privileges: ['VM.Backup'] },
      { path: `/storage/${storage}`, privileges: ['Datastore.AllocateSpace'] },
    ]);
    const config = await this.proxmox.getContainerConfig(guest.node, vmid);
    this.containers.assertUnlocked(vmid, config.lock);
    const params: BackupParams = {
      vmid,
      storage,
      mode: dto.mode,
      compress: COMPRESS[dto.compress ?? 'zstd'],
    };
    if (notesTemplate) params['notes-template'] = notesTemplate;
    if (dto.protected) params.protected = true;
    const task = await this.proxmox.backupContainer(guest.node, params);
    this.cluster.invalidate();
    return task;
  }

  async restore(dto: RestoreBackupDto): Promise<RestoreResultDto> {
    this.reachability.assertWritable();
    const backup = await this.find(dto.volid);
    const snapshot = await this.cluster.snapshot(0);
    const node = dto.node ?? backup.node;
    const archiveStorage = snapshot.resources.storages.find(
      (s) => s.node === backup.node && s.storage === backup.storage,
    );
    if (node !== backup.node && !archiveStorage?.shared) {
      throw badRequest(
        `${dto.volid} is on ${backup.node}'s local storage '${backup.storage}'; restore it on ${backup.node}`,
        'node',
      );
    }
    const target = snapshot.resources.nodes.find((n) => n.node === node);
    if (!target) throw badRequest(`Node '${node}' is not part of this cluster`, 'node');
    this.reachability.assertNodeWritable(node);
    const vmid = dto.vmid ?? (await this.proxmox.getNextId());
    const existing = snapshot.resources.guests.find((g) => g.vmid === vmid);
    if (existing) await this.checkOverwrite(existing, node, dto.force ?? false);
    else if (dto.force)
      throw badRequest(`CT ${vmid} does not exist; force is for overwriting one`, 'force');
    const storage = await this.pickRootStorage(node, dto.storage);
    await this.permissions.assertGranted([
      {
        path: `/vms/${vmid}`,
        privileges: existing ? ['VM.Allocate', 'VM.Backup'] : ['VM.Allocate'],
      },
      { path: `/storage/${storage}`, privileges: ['Datastore.AllocateSpace'] },
      ...(backup.vmid === vmid
        ? []
        : [
            {
              path: `/storage/${backup.storage}`,
              privileges: ['Datastore.AllocateSpace', 'Datastore.Allocate'],
            },
            { path: `/vms/${backup.vmid}`, privileges: ['VM.Backup'] },
          ]),
    ]);
    const task = await this.proxmox.restoreContainer(node, {
      vmid,
      ostemplate: backup.volid,
      storage,
      ...(existing ? { force: true } : {}),
      ...(dto.unique ? { unique: true } : {}),
      ...(dto.start ? { start: true } : {}),
    });
    this.cluster.invalidate();
    await this.activity.recordTask('restore', `ct/${vmid}`, task);
    return { upid: task.upid, vmid, node };
  }

  /** PVE restores over an existing CT only on its node, stopped, unlocked, unprotected, with force. */
  private async checkOverwrite(
    existing: ClusterSnapshot['resources']['guests'][number],
    node: string,
    force: boolean,
  ): Promise<void> {
    const vmid = existing.vmid;
    if (existing.type !== 'lxc')
      throw conflict(
        `${vmid} is a QEMU virtual machine; a container backup cannot replace it`,
        'vmid',
      );
    if (existing.node !== node)
      throw conflict(`CT ${vmid} lives on ${existing.node}; restore over it there`, 'vmid');
    if (!force)
      throw conflict(
        `CT ${vmid} exists; restoring over it replaces its disks and config: send force: true to confirm`,
        'force',
      );
    if (existing.status === 'running')
      throw conflict(`CT ${vmid} is running; stop it before restoring over it`, 'vmid');
    const config = await this.proxmox.getContainerConfig(node, vmid);
    this.containers.assertUnlocked(vmid, config.lock);
    if (config.protection)
      throw conflict(
        `CT ${vmid} is protected, so Proxmox will not overwrite it; turn protection off first`,
        'protection',
      );
  }

  private async pickRootStorage(node: string, wanted: string | undefined): Promise<string> {
    const usable = (await this.proxmox.listStorages(node, 'rootdir')).filter(
      (s) => s.enabled && s.content.includes('rootdir'),
    );
    const chosen = wanted ? usable.find((s) => s.storage === wanted) : usable.find((s) => s.active);
    if (!chosen) {
      const names = usable.map((s) => s.storage).join(', ') || 'none';
      throw badRequest(
        wanted
          ? `Storage '${wanted}' cannot hold containers on ${node} (usable: ${names})`
          : `Node ${node} has no storage for containers`,
        'storage',
      );
    }
    return chosen.storage;
  }

  async remove(volid: string): Promise<TaskRefDto> {
    this.reachability.assertWritable();
    if (!BACKUP_VOLID.test(volid))
      throw badRequest('volid must name a vzdump archive (<storage>:backup/vzdump-...)', 'volid');
    const backup = await this.find(volid);
    if (backup.protected)
      throw conflict(
        `${volid} is protected; remove its protection in Proxmox before deleting it`,
        'protected',
      );
    this.reachability.assertNodeWritable(backup.node);
    await this.permissions.assertGranted([
      { path: `/storage/${backup.storage}`, privileges: ['Datastore.AllocateSpace'] },
      { path: `/vms/${backup.vmid}`, privileges: ['VM.Backup'] },
    ]);
    const task = await this.proxmox.deleteVolume(backup.node, backup.storage, volid);
    await this.cached.forget([BACKUPS_KEY]);
    await this.activity.recordTask('delete-backup', `ct/${backup.vmid}`, task);
    return { upid: task.upid };
  }

  /** The backup as Proxmox lists it now (not a cached list: it may have just been deleted). */
  private async find(volid: string): Promise<BackupDto> {
    const fresh = await this.fetchAll();
    const found = fresh.find((b) => b.volid === volid);
    if (!found) throw notFound(`No backup ${volid} in the cluster`);
    return found;
  }

  /** Scheduled backup jobs (read-only) with the next run Proxmox computes. */
  async jobs(): Promise<BackupJobListDto> {
    const read = await this.cached.read(JOBS_KEY, () => this.proxmox.listBackupJobs());
    return {
      items: read.value.map((j) => ({
        id: j.id,
        schedule: j.schedule,
        storage: j.storage,
        mode: j.mode,
        enabled: j.enabled,
        all: j.all,
        vmids: j.vmids,
        comment: j.comment,
        nextRun: j.nextRun === undefined ? undefined : new Date(j.nextRun * 1000).toISOString(),
      })),
      ...freshnessOf(read),
    };
  }

  /**
   * Epoch seconds of each CT's newest backup from the backup list last read (no Proxmox request),
   * and when that list was read; undefined when it was never read.
   */
  async newestKnown(): Promise<{ newest: Map<number, number>; fetchedAt: number } | undefined> {
    const known = await this.cached.lastKnown<BackupDto[]>(BACKUPS_KEY);
    if (!known) return undefined;
    const newest = new Map<number, number>();
    for (const b of known.value) newest.set(b.vmid, Math.max(newest.get(b.vmid) ?? 0, b.ctime));
    return { newest, fetchedAt: known.fetchedAt };
  }

  /** Reads the backup list from Proxmox again (one listing per backup storage). */
  async refreshList(): Promise<void> {
    await this.list();
  }

  /** Age of each container's newest backup; stale when older than `days` (or none). */
  async freshness(days = DEFAULT_STALE_DAYS, staleOnly = false): Promise<BackupFreshnessListDto> {
    const backups = await this.list();
    const snapshot = await this.cluster.snapshot();
    const newest = new Map<number, number>();
    for (const b of backups.items) newest.set(b.vmid, Math.max(newest.get(b.vmid) ?? 0, b.ctime));
    const now = Date.now() / 1000;
    const items = snapshot.resources.guests
      .filter((g) => g.type === 'lxc')
      .map((g) => {
        const last = newest.get(g.vmid);
        const ageDays = last === undefined ? null : Math.round(((now - last) / DAY_SEC) * 10) / 10;
        return {
          vmid: g.vmid,
          name: g.name,
          node: g.node,
          lastBackupAt: last === undefined ? null : new Date(last * 1000).toISOString(),
          ageDays,
          stale: ageDays === null || ageDays > days,
        };
      })
      .filter((f) => !staleOnly || f.stale)
      .sort((a, b) => a.vmid - b.vmid);
    return { days, items, stale: backups.stale, fetchedAt: backups.fetchedAt };
  }
}

/** Storages whose content allows backups, on online nodes. */
export function backupStorages(snapshot: ClusterSnapshot): PveStorage[] {
  const online = new Set(
    snapshot.resources.nodes.filter((n) => n.status === 'online').map((n) => n.node),
  );
  return snapshot.resources.storages.filter(
    (s) => s.content.includes('backup') && online.has(s.node),
  );
}

/** The storage a backup of a CT on `node` goes to; 400 naming the usable ones otherwise. */
export function pickBackupStorage(
  snapshot: ClusterSnapshot,
  node: string,
  wanted?: string,
): string {
  const onNode = snapshot.resources.storages.filter((s) => s.node === node);
  const capable = onNode.filter((s) => s.content.includes('backup'));
  const names = capable.map((s) => s.storage).join(', ');
  if (wanted) {
    if (capable.some((s) => s.storage === wanted)) return wanted;
    const exists = onNode.some((s) => s.storage === wanted);
    throw badRequest(
      exists
        ? `Storage '${wanted}' does not allow backups (its content types exclude 'backup'); backup-capable on ${node}: ${names || 'none'}`
        : `Storage '${wanted}' is not available on ${node}; backup-capable there: ${names || 'none'}`,
      'storage',
    );
  }
  if (capable.length === 0)
    throw badRequest(
      `Node ${node} has no storage that allows backups; add 'backup' to a storage's content in Proxmox`,
      'storage',
    );
  return capable[0].storage;
}

/**
 * The console's literal notes as a vzdump `notes-template` (PVE/VZDump.pm generate_notes): one
 * line, backslashes escaped; {{guestname}}, {{node}}, {{vmid}}, {{cluster}} are filled in.
 */
export function toNotesTemplate(notes: string): string {
  if (/[\r\n]/.test(notes)) throw badRequest('notes must be a single line', 'notes');
  for (const m of notes.matchAll(/\{\{([^\s{}]+)\}\}/g)) {
    if (!NOTES_VARS.test(m[1]))
      throw badRequest(
        `notes: unknown variable {{${m[1]}}}; use {{guestname}}, {{node}}, {{vmid}} or {{cluster}}`,
        'notes',
      );
  }
  return notes.replace(/\\/g, '\\\\');
}
