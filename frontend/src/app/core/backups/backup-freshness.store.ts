import { Injectable, computed, inject, signal } from '@angular/core';
import { BackupFreshnessDto, BackupFreshnessListDto } from '../../api/models';
import { BackupsService } from '../../api/services';
import { startPolling } from '../store/poller';
import { RemoteResource } from '../store/remote-resource';

export const DEFAULT_BACKUP_DAYS = 7;
/** Backups happen daily at most: a slow refresh keeps ages right without loading the storages. */
export const FRESHNESS_POLL_MS = 5 * 60_000;
const DAYS_KEY = 'pc.backupDays';

/** N of "no backup in N days": a whole number of days from 1 to 3650, else the default. */
export function parseDays(value: unknown): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 3650 ? n : DEFAULT_BACKUP_DAYS;
}

function storedDays(): number {
  try {
    return parseDays(globalThis.localStorage?.getItem(DAYS_KEY) ?? DEFAULT_BACKUP_DAYS);
  } catch {
    return DEFAULT_BACKUP_DAYS;
  }
}

/**
 * Each container's last backup (GET /api/backups/freshness) and the "no backup in N days" limit,
 * shared by the container list and the Backups page; N is kept in this browser.
 */
@Injectable({ providedIn: 'root' })
export class BackupFreshnessStore {
  private readonly api = inject(BackupsService);
  private readonly resource = new RemoteResource<BackupFreshnessListDto>();
  private users = 0;
  private stopPolling: (() => void) | null = null;

  readonly days = signal(storedDays());
  readonly items = computed(() => this.resource.value()?.items ?? []);
  readonly loaded = computed(() => this.resource.loadedAt() !== null);
  readonly error = this.resource.error;
  readonly fetchedAt = computed(() => this.resource.value()?.fetchedAt ?? null);
  readonly stale = computed(() => (this.resource.value()?.stale ?? false) || !!this.error());
  readonly byVmid = computed(
    () => new Map<number, BackupFreshnessDto>(this.items().map((f) => [f.vmid, f])),
  );
  /** Containers without a backup in `days` days, as the server judged them. */
  readonly staleVmids = computed(
    () =>
      new Set(
        this.items()
          .filter((f) => f.stale)
          .map((f) => f.vmid),
      ),
  );

  /** Loads now and every few minutes while at least one page uses it; returns the release. */
  connect(): () => void {
    this.users++;
    void this.refresh();
    this.stopPolling ??= startPolling(() => void this.refresh(), FRESHNESS_POLL_MS);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.users === 0) {
        this.stopPolling?.();
        this.stopPolling = null;
      }
    };
  }

  refresh(): Promise<boolean> {
    const days = this.days();
    return this.resource.load(() => this.api.backupFreshness({ days }));
  }

  setDays(value: unknown): void {
    const days = parseDays(value);
    if (days === this.days()) return;
    this.days.set(days);
    try {
      globalThis.localStorage?.setItem(DAYS_KEY, String(days));
    } catch {
      // private mode: the choice lasts for this page only
    }
    void this.refresh();
  }
}
