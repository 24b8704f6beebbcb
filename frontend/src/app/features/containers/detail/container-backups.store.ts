import { Injectable, computed, inject } from '@angular/core';
import { Observable } from 'rxjs';
import {
  BackupDto,
  BackupListDto,
  CreateBackupDto,
  RestoreResultDto,
  StorageListDto,
  TaskRefDto,
} from '../../../api/models';
import { BackupsService, NodesService } from '../../../api/services';
import { RemoteResource } from '../../../core/store/remote-resource';

/**
 * One container's backups and the storages of its node that take backups; the tasks that change
 * them are followed by the detail store.
 */
@Injectable()
export class ContainerBackupsStore {
  private readonly api = inject(BackupsService);
  private readonly nodes = inject(NodesService);
  private readonly list = new RemoteResource<BackupListDto>();
  private readonly storageList = new RemoteResource<StorageListDto>();
  private vmid: number | null = null;

  readonly backups = computed<BackupDto[] | undefined>(() => this.list.value()?.items);
  readonly stale = computed(() => this.list.value()?.stale ?? false);
  readonly fetchedAt = computed(() => this.list.value()?.fetchedAt ?? null);
  readonly loading = this.list.initialLoading;
  readonly error = this.list.error;
  /** Storages of the node whose content allows backups, active ones first. */
  readonly storages = computed(() =>
    (this.storageList.value()?.items ?? [])
      .filter((s) => s.content.includes('backup'))
      .sort((a, b) => Number(b.active) - Number(a.active)),
  );

  load(vmid: number): Promise<boolean> {
    if (vmid !== this.vmid) this.list.reset();
    this.vmid = vmid;
    return this.list.load(() => this.api.listBackups({ vmid }));
  }

  loadStorages(node: string): Promise<boolean> {
    return this.storageList.load(() => this.nodes.listNodeStorages({ node, content: 'backup' }));
  }

  backup(vmid: number, body: CreateBackupDto): Observable<TaskRefDto> {
    return this.api.backupContainer({ vmid, body });
  }

  /** Into a new container (the next free id) or, with `over`, over this stopped one. */
  restore(
    backup: BackupDto,
    options: { over?: number; start: boolean; unique: boolean },
  ): Observable<RestoreResultDto> {
    const body =
      options.over === undefined
        ? { volid: backup.volid, start: options.start, unique: options.unique }
        : { volid: backup.volid, vmid: options.over, force: true, start: options.start };
    return this.api.restoreBackup({ body });
  }

  remove(backup: BackupDto): Observable<TaskRefDto> {
    return this.api.deleteBackup({ volid: backup.volid });
  }
}
