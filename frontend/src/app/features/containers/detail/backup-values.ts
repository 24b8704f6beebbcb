import { BackupDto, ContainerDetailDto, CreateBackupDto } from '../../../api/models';
import { formatBytes } from '../../../shared/format/format';

export type BackupMode = CreateBackupDto['mode'];
export type BackupCompress = NonNullable<CreateBackupDto['compress']>;

export const BACKUP_MODES: { value: BackupMode; label: string }[] = [
  { value: 'snapshot', label: 'Snapshot (no downtime)' },
  { value: 'suspend', label: 'Suspend (frozen briefly)' },
  { value: 'stop', label: 'Stop (stopped during the backup, started again)' },
];
export const BACKUP_COMPRESSIONS: BackupCompress[] = ['zstd', 'gzip', 'lzo', 'none'];

export interface BackupForm {
  storage: string;
  mode: BackupMode;
  compress: BackupCompress;
  notes: string;
  protected: boolean;
}

/** The form as a request: empty fields are left to Proxmox's defaults, never sent as null. */
export function toBackupRequest(form: BackupForm): CreateBackupDto {
  const body: CreateBackupDto = { mode: form.mode, compress: form.compress };
  if (form.storage) body.storage = form.storage;
  if (form.notes.trim()) body.notes = form.notes.trim();
  if (form.protected) body.protected = true;
  return body;
}

/** "vzdump-lxc-101-2026_12_06-18_00_00.tar.zst" out of its volid. */
export function archiveName(backup: BackupDto): string {
  return backup.volid.slice(backup.volid.indexOf('/') + 1);
}

/** One line that names a backup for a person: when, where, how big. */
export function describeBackup(backup: BackupDto): string {
  const when = new Date(backup.ctime * 1000).toLocaleString();
  return `backup of ${when} on ${backup.storage} (${formatBytes(backup.size)})`;
}

/** Why the CT cannot be overwritten by a restore now, or '' (PVE: stopped, unlocked, unprotected). */
export function restoreOverBlocker(ct: ContainerDetailDto): string {
  if (ct.status !== 'stopped')
    return 'Stop the container first: Proxmox restores only over a stopped container';
  if (ct.lock) return `Locked (${ct.lock}) by a running task`;
  if (ct.config?.protection)
    return 'Protected: turn protection off in Settings before restoring over it';
  return '';
}

/** What a restore over the container destroys, said before the user confirms. */
export function restoreOverWarning(ct: ContainerDetailDto, backup: BackupDto): string {
  return (
    `CT ${ct.vmid} (${ct.name}) is overwritten: its disks and configuration are replaced by ` +
    `the ${describeBackup(backup)}. Everything written to it since that backup is lost. ` +
    'This cannot be undone.'
  );
}

/** Proxmox refuses to delete a protected backup: say so instead of offering a button that fails. */
export function deleteBackupBlocker(backup: BackupDto): string {
  return backup.protected
    ? 'Protected backup: Proxmox will not delete or prune it. Remove its protection in Proxmox (Storage > Backups > Change Protection) first.'
    : '';
}
