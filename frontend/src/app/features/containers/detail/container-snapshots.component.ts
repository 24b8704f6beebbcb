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
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatTooltipModule } from '@angular/material/tooltip';
import { firstValueFrom } from 'rxjs';
import { ContainerDetailDto, SnapshotDto } from '../../../api/models';
import { ActionAccess, GuardedAction } from '../../../core/auth/action-access';
import { ConnectionStore } from '../../../core/connection/connection.store';
import { confirmByName } from '../../../shared/confirm-name-dialog/confirm-name-dialog.component';
import { ErrorStateComponent } from '../../../shared/states/error-state.component';
import { ActionPermissionsStore } from '../action-permissions.store';
import { ContainerDetailStore } from './container-detail.store';
import { ContainerSnapshotsStore } from './container-snapshots.store';
import { rollbackWarning, snapshotTree } from './snapshot-tree';
import { tabBlocker } from './tab-blocker';

/** Proxmox's pve-snapshot-name. */
const SNAPSHOT_NAME = /^[a-zA-Z][a-zA-Z0-9_-]{1,39}$/;

/** The snapshot tree of a container; take, roll back and delete, each followed to its task end. */
@Component({
  selector: 'pc-container-snapshots',
  imports: [
    DatePipe,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatTooltipModule,
    ErrorStateComponent,
  ],
  providers: [ContainerSnapshotsStore],
  templateUrl: './container-snapshots.component.html',
  styleUrl: './container-snapshots.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerSnapshotsComponent {
  readonly container = input.required<ContainerDetailDto>();
  protected readonly snapshots = inject(ContainerSnapshotsStore);
  protected readonly detail = inject(ContainerDetailStore);
  private readonly access = inject(ActionAccess);
  private readonly connection = inject(ConnectionStore);
  private readonly dialog = inject(MatDialog);
  private readonly permissions = inject(ActionPermissionsStore);

  protected readonly name = signal('');
  protected readonly description = signal('');
  protected readonly rows = computed(() => snapshotTree(this.snapshots.snapshots() ?? []));
  protected readonly nameProblem = computed(() => {
    const name = this.name().trim();
    if (!name) return '';
    if (!SNAPSHOT_NAME.test(name))
      return "Start with a letter; 2 to 40 letters, digits, '-' or '_'";
    if (['current', 'vzdump'].includes(name.toLowerCase())) return 'Reserved by Proxmox';
    if (this.snapshots.snapshots()?.some((s) => s.name === name)) return 'Already taken';
    return '';
  });

  constructor() {
    const vmid = computed(() => this.container().vmid);
    effect(() => {
      const id = vmid();
      untracked(() => void this.snapshots.load(id));
    });
  }

  protected blocked(action: GuardedAction): string {
    const ct = this.container();
    return tabBlocker({
      writable: this.connection.writable(),
      busy: this.detail.busy(),
      lock: ct.lock,
      denied: this.access.reason(action),
      deniedHere: this.permissions.reason(ct.vmid, 'snapshot'),
    });
  }

  protected async take(): Promise<void> {
    const name = this.name().trim();
    if (!name || this.nameProblem()) return;
    const vmid = this.container().vmid;
    const ok = await this.follow('snapshot', () =>
      this.snapshots.create(vmid, name, this.description()),
    );
    if (ok) {
      this.name.set('');
      this.description.set('');
    }
  }

  protected async rollback(snapshot: SnapshotDto): Promise<void> {
    const ct = this.container();
    const running = ct.status === 'running';
    const taken = new Date(snapshot.snaptime * 1000).toLocaleString();
    const sure = await firstValueFrom(
      confirmByName(this.dialog, {
        title: `Roll ${ct.name} back to '${snapshot.name}'?`,
        name: snapshot.name,
        action: 'Roll back',
        message: rollbackWarning(ct.vmid, snapshot, running, taken),
      }),
    );
    if (!sure) return;
    await this.follow('rollback', () => this.snapshots.rollback(ct.vmid, snapshot.name, running));
  }

  protected async remove(snapshot: SnapshotDto): Promise<void> {
    const ct = this.container();
    const sure = await firstValueFrom(
      confirmByName(this.dialog, {
        title: `Delete snapshot '${snapshot.name}'?`,
        name: snapshot.name,
        action: 'Delete snapshot',
        message: `The container stays as it is; you can no longer roll back to '${snapshot.name}'.`,
      }),
    );
    if (!sure) return;
    await this.follow('delete-snapshot', () => this.snapshots.remove(ct.vmid, snapshot.name));
  }

  private async follow(
    action: 'snapshot' | 'rollback' | 'delete-snapshot',
    request: Parameters<ContainerDetailStore['runTask']>[1],
  ): Promise<boolean> {
    const ok = await this.detail.runTask(action, request);
    await this.snapshots.load(this.container().vmid);
    return ok;
  }
}
