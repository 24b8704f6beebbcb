import { BackupDto, BackupFreshnessDto, BackupJobDto } from '../../api/models';

export interface BackupFilter {
  /** '' for every storage */
  readonly storage: string;
  /** '' for every guest; otherwise a CT id typed by the user */
  readonly vmid: string;
}

/** Backups on the chosen storage and of the typed guest id (exact). */
export function filterBackups(items: readonly BackupDto[], filter: BackupFilter): BackupDto[] {
  const vmid = filter.vmid.trim();
  return items.filter(
    (b) => (!filter.storage || b.storage === filter.storage) && (!vmid || String(b.vmid) === vmid),
  );
}

/** Storages that hold at least one backup, for the filter's choices. */
export function storagesOf(items: readonly BackupDto[]): string[] {
  return [...new Set(items.map((b) => b.storage))].sort();
}

/** "All guests" or "CT 101, 102". */
export function jobGuests(job: BackupJobDto): string {
  if (job.all) return 'All guests';
  return job.vmids.length ? `CT ${job.vmids.join(', ')}` : 'None';
}

/** "3.5 days", "1 day", "never". */
export function describeAge(f: BackupFreshnessDto): string {
  if (f.ageDays === null) return 'never';
  return f.ageDays === 1 ? '1 day' : `${f.ageDays} days`;
}
