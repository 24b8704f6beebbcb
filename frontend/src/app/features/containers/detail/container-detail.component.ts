import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ActionAccess } from '../../../core/auth/action-access';
import { ConnectionStore } from '../../../core/connection/connection.store';
import { BreadcrumbLabels } from '../../../core/navigation/breadcrumb-labels';
import { confirmByName } from '../../../shared/confirm-name-dialog/confirm-name-dialog.component';
import { askShutdownOptions } from '../shutdown-dialog.component';
import { StaleBadgeComponent } from '../../../shared/stale-badge/stale-badge.component';
import { EmptyStateComponent } from '../../../shared/states/empty-state.component';
import { ErrorStateComponent } from '../../../shared/states/error-state.component';
import { LoadingStateComponent } from '../../../shared/states/loading-state.component';
import { StatusChipComponent } from '../../../shared/status-chip/status-chip.component';
import { TaskProgressPanelComponent } from '../../../shared/task-progress/task-progress-panel.component';
import { ActionPermissionsStore, ContainerAction } from '../action-permissions.store';
import { POWER_ACTIONS, PowerAction, canRun, whyNot } from '../container-list';
import { ACTION_LABELS } from '../list/containers-page.component';
import { ContainerConsoleComponent } from '../console/container-console.component';
import { ContainerConfigComponent } from './container-config.component';
import { ContainerDetailStore, DETAIL_STALE_MS, DetailAction } from './container-detail.store';
import { TagEditorComponent } from '../../../shared/tag-editor/tag-editor.component';
import { ContainerBackupsComponent } from './container-backups.component';
import { ContainerSettingsComponent } from './container-settings.component';
import { ContainerSnapshotsComponent } from './container-snapshots.component';
import { ContainerSparklinesComponent } from './container-sparklines.component';
import { ContainerSummaryComponent } from './container-summary.component';
import { ContainerTasksComponent } from './container-tasks.component';

const TASK_LABELS = {
  delete: 'Delete',
  resize: 'Resize disk of',
  snapshot: 'Snapshot',
  rollback: 'Roll back',
  'delete-snapshot': 'Delete snapshot of',
  backup: 'Back up',
  restore: 'Restore a backup of',
  'delete-backup': 'Delete a backup of',
} as const;

/** The tabs in their order, as named in ?tab= (the first one is the default and is not named). */
const TABS = ['overview', 'settings', 'snapshots', 'backups', 'console'];

@Component({
  selector: 'pc-container-detail',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatTabsModule,
    MatTooltipModule,
    RouterLink,
    StatusChipComponent,
    StaleBadgeComponent,
    LoadingStateComponent,
    ErrorStateComponent,
    EmptyStateComponent,
    TaskProgressPanelComponent,
    ContainerSummaryComponent,
    ContainerSparklinesComponent,
    ContainerConfigComponent,
    ContainerTasksComponent,
    ContainerSettingsComponent,
    ContainerSnapshotsComponent,
    ContainerBackupsComponent,
    ContainerConsoleComponent,
    TagEditorComponent,
  ],
  providers: [ContainerDetailStore],
  templateUrl: './container-detail.component.html',
  styleUrl: './container-detail.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class ContainerDetailComponent {
  protected readonly store = inject(ContainerDetailStore);
  protected readonly connection = inject(ConnectionStore);
  protected readonly access = inject(ActionAccess);
  private readonly permissions = inject(ActionPermissionsStore);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);

  /** Route parameter. */
  readonly vmid = input.required<string>();
  /** Query parameter ?tab=: the selected tab lives in the URL (shareable, kept on reload and back). */
  readonly tab = input<string>();
  protected readonly tabIndex = computed(() => Math.max(0, TABS.indexOf(this.tab() ?? '')));

  protected readonly actions = POWER_ACTIONS;
  protected readonly labels = ACTION_LABELS;
  protected readonly staleAfter = DETAIL_STALE_MS;
  protected readonly notFound = computed(() =>
    /not found|does not exist/i.test(this.store.error() ?? ''),
  );

  constructor() {
    let stop: (() => void) | null = null;
    effect(() => {
      const vmid = Number(this.vmid());
      untracked(() => {
        stop?.();
        stop = this.store.connect(vmid);
      });
    });
    inject(DestroyRef).onDestroy(() => stop?.());
    const labels = inject(BreadcrumbLabels);
    effect(() => {
      const ct = this.store.container();
      if (ct) labels.set(`/containers/${ct.vmid}`, `${ct.name} (CT ${ct.vmid})`);
    });
  }

  protected selectTab(index: number): void {
    if (index === this.tabIndex()) return;
    const tab = index === 0 ? null : TABS[index];
    void this.router.navigate([], { queryParams: { tab }, queryParamsHandling: 'merge' });
  }

  protected actionLabel(action: DetailAction): string {
    return TASK_LABELS[action as keyof typeof TASK_LABELS] ?? ACTION_LABELS[action as PowerAction];
  }

  /** Why settings (tags) cannot change now; '' when they can. */
  protected configureBlocked(): string {
    if (!this.connection.writable()) return 'Proxmox cannot be reached: changes are disabled';
    const lock = this.store.container()?.lock;
    if (lock) return `Locked (${lock}) by a running task`;
    return this.access.reason('configure') || this.deniedHere('tag');
  }

  /** The token's or role's refusal of this action on this very container ('' if allowed). */
  private deniedHere(action: ContainerAction): string {
    const ct = this.store.container();
    return ct ? this.permissions.reason(ct.vmid, action) : '';
  }

  protected readonly tagError = signal<string | null>(null);

  protected async saveTags(tags: string[]): Promise<void> {
    this.tagError.set(await this.store.save({ tags }));
  }

  /** A protected container cannot be deleted: say how to lift it instead. */
  protected deleteBlocked(): string {
    if (this.store.container()?.config?.protection)
      return 'Protected: turn protection off in Settings before deleting';
    return this.access.reason('delete') || this.deniedHere('delete');
  }

  protected canRun(action: PowerAction): boolean {
    const ct = this.store.container();
    return (
      !!ct &&
      canRun(action, ct) &&
      !this.store.busy() &&
      this.connection.writable() &&
      this.access.allowed('power') &&
      !this.deniedHere(action)
    );
  }

  protected whyNot(action: PowerAction): string {
    const ct = this.store.container();
    const denied = this.access.reason('power') || this.deniedHere(action);
    if (denied) return denied;
    if (!this.connection.writable()) return 'Proxmox cannot be reached: actions are disabled';
    if (this.store.busy()) return 'Another action is running';
    return (ct && whyNot(action, ct)) ?? '';
  }

  protected async act(action: PowerAction): Promise<void> {
    const ct = this.store.container();
    if (!ct) return;
    if (action === 'stop') {
      const sure = await firstValueFrom(
        confirmByName(this.dialog, {
          title: `Stop ${ct.name}?`,
          name: ct.name,
          action: 'Stop now',
          message:
            'Stopping cuts power at once: running programs lose unsaved data. Prefer Shut down.',
        }),
      );
      if (!sure) return;
    }
    if (action === 'shutdown') {
      const shutdown = await firstValueFrom(askShutdownOptions(this.dialog, ct.name));
      if (!shutdown) return;
      await this.store.act(action, { shutdown });
      return;
    }
    await this.store.act(action);
  }

  protected async remove(): Promise<void> {
    const ct = this.store.container();
    if (!ct) return;
    const sure = await firstValueFrom(
      confirmByName(this.dialog, {
        title: `Delete ${ct.name}?`,
        name: ct.name,
        action: 'Delete',
        message: `CT ${ct.vmid} and its disks will be destroyed${ct.status === 'running' ? ' (it is stopped first)' : ''}. This cannot be undone.`,
      }),
    );
    if (!sure) return;
    const ok = await this.store.act('delete', { purge: true, force: ct.status === 'running' });
    if (!ok) return;
    // The page goes away with the container: the list says it is done.
    this.snackBar.open(`${ct.name} (CT ${ct.vmid}) was deleted`, 'Dismiss', { duration: 6000 });
    await this.router.navigate(['/containers']);
  }
}
