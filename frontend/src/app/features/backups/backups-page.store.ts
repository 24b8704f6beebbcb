import { Injectable, computed, inject, signal } from '@angular/core';
import { BackupJobListDto, BackupListDto } from '../../api/models';
import { BackupsService } from '../../api/services';
import { RemoteResource } from '../../core/store/remote-resource';
import { BackupFilter, filterBackups, storagesOf } from './backup-filters';

/** The cluster's backups and scheduled backup jobs, read once per visit and on Refresh. */
@Injectable()
export class BackupsPageStore {
  private readonly api = inject(BackupsService);
  private readonly backups = new RemoteResource<BackupListDto>();
  private readonly jobList = new RemoteResource<BackupJobListDto>();

  readonly filter = signal<BackupFilter>({ storage: '', vmid: '' });
  readonly all = computed(() => this.backups.value()?.items ?? []);
  readonly visible = computed(() => filterBackups(this.all(), this.filter()));
  readonly storages = computed(() => storagesOf(this.all()));
  readonly loading = this.backups.initialLoading;
  readonly error = this.backups.error;
  readonly fetchedAt = computed(() => this.backups.value()?.fetchedAt ?? null);
  readonly stale = computed(() => (this.backups.value()?.stale ?? false) || !!this.error());

  readonly jobs = computed(() => this.jobList.value()?.items ?? []);
  readonly jobsLoading = this.jobList.initialLoading;
  readonly jobsError = this.jobList.error;

  refresh(): Promise<unknown> {
    return Promise.all([
      this.backups.load(() => this.api.listBackups()),
      this.jobList.load(() => this.api.listBackupJobs()),
    ]);
  }

  setFilter(change: Partial<BackupFilter>): void {
    this.filter.update((f) => ({ ...f, ...change }));
  }
}
