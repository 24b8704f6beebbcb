import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { DatePipe } from '@angular/common';
import { MatTableModule } from '@angular/material/table';
import { TaskDto } from '../../api/models';
import { formatDuration } from '../../shared/format/format';
import { StatusChipComponent } from '../../shared/status-chip/status-chip.component';
import { Clock } from '../clock';
import { LayoutStore } from '../layout/layout.store';

/** Human words for the Proxmox worker types a container console sees most. */
export const TASK_TYPE_LABELS: Record<string, string> = {
  vzcreate: 'Create',
  vzstart: 'Start',
  vzstop: 'Stop',
  vzshutdown: 'Shut down',
  vzreboot: 'Reboot',
  vzdestroy: 'Delete',
  vzdump: 'Backup',
  vzmigrate: 'Migrate',
  download: 'Download',
  aptupdate: 'Update package list',
};

export function taskTypeLabel(type: string): string {
  return TASK_TYPE_LABELS[type] ?? type;
}

export function taskStatusLabel(task: Pick<TaskDto, 'status' | 'exitstatus'>): string {
  if (task.status === 'running') return 'running';
  return task.exitstatus === 'OK' ? 'OK' : (task.exitstatus ?? 'unknown');
}

export function taskDuration(task: Pick<TaskDto, 'starttime' | 'endtime'>, nowMs: number): string {
  const end = task.endtime ?? nowMs / 1000;
  return formatDuration(end - task.starttime);
}

@Component({
  selector: 'pc-task-table',
  imports: [MatTableModule, DatePipe, StatusChipComponent],
  template: `
    <table mat-table [dataSource]="tasks()">
      <ng-container matColumnDef="type">
        <th mat-header-cell *matHeaderCellDef>Task</th>
        <td mat-cell *matCellDef="let t">{{ typeLabel(t.type) }} {{ t.id }}</td>
      </ng-container>
      <ng-container matColumnDef="status">
        <th mat-header-cell *matHeaderCellDef>Status</th>
        <td mat-cell *matCellDef="let t" class="status">
          <pc-status-chip [status]="statusLabel(t)" />
        </td>
      </ng-container>
      <ng-container matColumnDef="node">
        <th mat-header-cell *matHeaderCellDef>Node</th>
        <td mat-cell *matCellDef="let t">{{ t.node }}</td>
      </ng-container>
      <ng-container matColumnDef="user">
        <th mat-header-cell *matHeaderCellDef>User</th>
        <td mat-cell *matCellDef="let t">{{ t.user }}</td>
      </ng-container>
      <ng-container matColumnDef="start">
        <th mat-header-cell *matHeaderCellDef>Started</th>
        <td mat-cell *matCellDef="let t">{{ t.starttime * 1000 | date: 'MMM d, HH:mm:ss' }}</td>
      </ng-container>
      <ng-container matColumnDef="duration">
        <th mat-header-cell *matHeaderCellDef>Duration</th>
        <td mat-cell *matCellDef="let t">{{ duration(t) }}</td>
      </ng-container>
      <tr mat-header-row *matHeaderRowDef="columns()"></tr>
      <tr
        mat-row
        *matRowDef="let t; columns: columns()"
        tabindex="0"
        [class.selected]="t.upid === selectedUpid()"
        [attr.aria-selected]="t.upid === selectedUpid()"
        (click)="selected.emit(t.upid)"
        (keydown.enter)="selected.emit(t.upid)"
      ></tr>
    </table>
  `,
  styles: `
    table {
      width: 100%;
      background: transparent;
    }
    tr.mat-mdc-row {
      cursor: pointer;
    }
    tr.mat-mdc-row:hover,
    tr.selected {
      background: var(--mat-sys-surface-container-high);
    }
    .status {
      max-width: 260px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskTableComponent {
  private readonly clock = inject(Clock);
  private readonly layout = inject(LayoutStore);

  readonly tasks = input.required<readonly TaskDto[]>();
  readonly selectedUpid = input<string | null>(null);
  /** Hide node and user where they are obvious (a container's own history). */
  readonly compact = input(false);
  readonly selected = output<string>();

  protected readonly columns = computed(() => {
    if (this.layout.isPhone()) return ['type', 'status', 'start'];
    return this.compact()
      ? ['type', 'status', 'start', 'duration']
      : ['type', 'status', 'node', 'user', 'start', 'duration'];
  });
  protected readonly typeLabel = taskTypeLabel;
  protected readonly statusLabel = taskStatusLabel;

  protected duration(task: TaskDto): string {
    return taskDuration(task, this.clock.now());
  }
}
