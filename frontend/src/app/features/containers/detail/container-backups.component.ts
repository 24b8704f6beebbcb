import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { firstValueFrom, map, tap } from 'rxjs';
import { BackupDto, ContainerDetailDto } from '../../../api/models';
import { ActionAccess, GuardedAction } from '../../../core/auth/action-access';
import { Clock } from '../../../core/clock';
import { ConnectionStore } from '../../../core/connection/connection.store';
import { confirmAction } from '../../../shared/confirm-dialog/confirm-dialog.component';
import { confirmByName } from '../../../shared/confirm-name-dialog/confirm-name-dialog.component';
import { BytesPipe } from '../../../shared/format/format.pipes';
import { formatAge } from '../../../shared/format/format';
import { StaleBadgeComponent } from '../../../shared/stale-badge/stale-badge.component';
import { ErrorStateComponent } from '../../../shared/states/error-state.component';
import {
  BACKUP_COMPRESSIONS,
  BACKUP_MODES,
  BackupCompress,
  BackupMode,
  archiveName,
  deleteBackupBlocker,
  describeBackup,
  restoreOverBlocker,
  restoreOverWarning,
  toBackupRequest,
} from './backup-values';
import { ActionPermissionsStore } from '../action-permissions.store';
import { ContainerBackupsStore } from './container-backups.store';
import { ContainerDetailStore } from './container-detail.store';
import { tabBlocker } from './tab-blocker';

/** Backups list refreshes after each action; a cached answer shows its age past this. */
const BACKUPS_STALE_MS = 60_000;

/**
 * A container's backups: back up now, restore into a new container or over this one, delete;
 * each followed to its task end in the detail page's task panel.
 */
@Component({
  selector: 'pc-container-backups',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatTooltipModule,
    BytesPipe,
    ErrorStateComponent,
    StaleBadgeComponent,
  ],
  providers: [ContainerBackupsStore],
  templateUrl: './container-backups.component.html',
  styleUrl: './container-backups.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerBackupsComponent {
  readonly container = input.required<ContainerDetailDto>();
  protected readonly backups = inject(ContainerBackupsStore);
  protected readonly detail = inject(ContainerDetailStore);
  private readonly access = inject(ActionAccess);
  private readonly connection = inject(ConnectionStore);
  private readonly dialog = inject(MatDialog);
  private readonly permissions = inject(ActionPermissionsStore);
  private readonly clock = inject(Clock);
  private readonly fb = inject(FormBuilder).nonNullable;

  protected readonly modes = BACKUP_MODES;
  protected readonly compressions = BACKUP_COMPRESSIONS;
  protected readonly staleAfter = BACKUPS_STALE_MS;
  protected readonly notesHint = '{{guestname}}, {{vmid}} and {{node}} are filled in';
  protected readonly form = this.fb.group({
    storage: this.fb.control(''),
    mode: this.fb.control<BackupMode>('snapshot'),
    compress: this.fb.control<BackupCompress>('zstd'),
    notes: this.fb.control('{{guestname}}'),
    protected: this.fb.control(false),
  });
  protected readonly restoreOptions = this.fb.group({
    start: this.fb.control(false),
    unique: this.fb.control(true),
  });
  /** The container the last restore into a new one created. */
  protected readonly restoredVmid = signal<number | null>(null);
  protected readonly overBlocked = computed(() => restoreOverBlocker(this.container()));
  protected readonly name = archiveName;
  protected readonly deleteBlocker = deleteBackupBlocker;

  constructor() {
    const vmid = computed(() => this.container().vmid);
    const node = computed(() => this.container().node);
    effect(() => {
      const id = vmid();
      untracked(() => void this.backups.load(id));
    });
    effect(() => {
      const at = node();
      untracked(() => void this.backups.loadStorages(at));
    });
    effect(() => {
      const first = this.backups.storages()[0]?.storage;
      untracked(() => {
        if (first && !this.form.controls.storage.value) this.form.controls.storage.setValue(first);
      });
    });
  }

  protected age(backup: BackupDto): string {
    return formatAge(this.clock.now() - backup.ctime * 1000);
  }

  protected blocked(action: GuardedAction): string {
    const ct = this.container();
    return tabBlocker({
      writable: this.connection.writable(),
      busy: this.detail.busy(),
      // only backing up needs the container unlocked; restoring into a new CT or deleting an
      // archive does not touch it (restoring over it is refused by restoreOverBlocker)
      lock: action === 'backup' ? ct.lock : null,
      denied: this.access.reason(action),
      deniedHere: action === 'backup' ? this.permissions.reason(ct.vmid, 'backup') : '',
    });
  }

  protected async backUp(): Promise<void> {
    const vmid = this.container().vmid;
    const body = toBackupRequest(this.form.getRawValue());
    await this.follow('backup', () => this.backups.backup(vmid, body));
  }

  protected async restoreAsNew(backup: BackupDto): Promise<void> {
    const { start, unique } = this.restoreOptions.getRawValue();
    this.restoredVmid.set(null);
    await this.follow('restore', () =>
      this.backups.restore(backup, { start, unique }).pipe(
        tap((r) => this.restoredVmid.set(r.vmid)),
        map((r) => ({ upid: r.upid })),
      ),
    );
  }

  protected async restoreOver(backup: BackupDto): Promise<void> {
    const ct = this.container();
    const sure = await firstValueFrom(
      confirmByName(this.dialog, {
        title: `Overwrite ${ct.name} with this backup?`,
        name: ct.name,
        action: 'Overwrite',
        message: restoreOverWarning(ct, backup),
      }),
    );
    if (!sure) return;
    const { start } = this.restoreOptions.getRawValue();
    this.restoredVmid.set(null);
    await this.follow('restore', () =>
      this.backups.restore(backup, { over: ct.vmid, start, unique: false }),
    );
  }

  protected async remove(backup: BackupDto): Promise<void> {
    const sure = await firstValueFrom(
      confirmAction(this.dialog, {
        title: 'Delete this backup?',
        message: `The ${describeBackup(backup)}, ${archiveName(backup)}, is deleted. It cannot be restored afterwards.`,
        action: 'Delete backup',
      }),
    );
    if (!sure) return;
    await this.follow('delete-backup', () => this.backups.remove(backup));
  }

  private async follow(
    action: 'backup' | 'restore' | 'delete-backup',
    request: Parameters<ContainerDetailStore['runTask']>[1],
  ): Promise<boolean> {
    const ok = await this.detail.runTask(action, request);
    await this.backups.load(this.container().vmid);
    return ok;
  }
}
