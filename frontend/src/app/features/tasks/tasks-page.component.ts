import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { TaskLogViewerComponent } from '../../core/tasks/task-log-viewer.component';
import { TaskTableComponent, taskTypeLabel } from '../../core/tasks/task-table.component';
import { StaleBadgeComponent } from '../../shared/stale-badge/stale-badge.component';
import { EmptyStateComponent } from '../../shared/states/empty-state.component';
import { ErrorStateComponent } from '../../shared/states/error-state.component';
import { LoadingStateComponent } from '../../shared/states/loading-state.component';
import { TaskStatusFilter } from './task-filter';
import { TASKS_POLL_MS, TasksStore } from './tasks.store';

@Component({
  selector: 'pc-tasks-page',
  imports: [
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    TaskTableComponent,
    TaskLogViewerComponent,
    StaleBadgeComponent,
    LoadingStateComponent,
    ErrorStateComponent,
    EmptyStateComponent,
  ],
  providers: [TasksStore],
  template: `
    <div class="pc-page">
      <header class="pc-page-header">
        <h1>Tasks</h1>
        <pc-stale-badge
          [fetchedAt]="store.fetchedAt()"
          [staleAfterMs]="staleAfter"
          [stale]="store.stale()"
        />
        <button mat-icon-button type="button" aria-label="Refresh" (click)="store.refresh()">
          <mat-icon>refresh</mat-icon>
        </button>
      </header>
      <div class="filters">
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="text">
          <mat-icon matPrefix>filter_list</mat-icon>
          <mat-label>Filter by type, guest, node, user or error</mat-label>
          <input
            matInput
            [value]="store.text()"
            (input)="store.text.set($any($event.target).value)"
          />
        </mat-form-field>
        <mat-button-toggle-group
          aria-label="Task status"
          [value]="store.status()"
          (change)="store.status.set($any($event.value))"
          hideSingleSelectionIndicator
        >
          @for (option of statusOptions; track option) {
            <mat-button-toggle [value]="option">{{ option }}</mat-button-toggle>
          }
        </mat-button-toggle-group>
      </div>
      @if (store.error(); as error) {
        <pc-error-state title="Could not load tasks" [message]="error" (retry)="store.refresh()" />
      }
      @if (store.loading()) {
        <pc-loading-state label="Loading tasks…" />
      } @else if (store.visible().length) {
        <div class="layout">
          <div class="pc-table-scroll">
            <pc-task-table
              [tasks]="store.visible()"
              [selectedUpid]="store.selectedUpid()"
              (selected)="select($event)"
            />
          </div>
          @if (store.selectedUpid(); as upid) {
            <div class="pc-panel log">
              <pc-task-log-viewer [upid]="upid" [title]="selectedTitle()" />
            </div>
          }
        </div>
      } @else if (!store.error()) {
        <pc-empty-state icon="checklist" title="No tasks to show">
          {{
            store.all().length
              ? 'No task matches these filters.'
              : 'Proxmox reports no recent tasks.'
          }}
        </pc-empty-state>
      }
    </div>
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    .text {
      flex: 1 1 280px;
    }
    .layout {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr));
      gap: 16px;
      align-items: start;
    }
    .log {
      position: sticky;
      top: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class TasksPageComponent {
  protected readonly store = inject(TasksStore);
  private readonly router = inject(Router);

  /** `?upid=` opens that task's log, e.g. from the dashboard. */
  readonly upid = input<string>();
  protected readonly staleAfter = 3 * TASKS_POLL_MS;
  protected readonly statusOptions: TaskStatusFilter[] = ['all', 'running', 'failed', 'ok'];

  constructor() {
    inject(DestroyRef).onDestroy(this.store.connect());
    effect(() => {
      const upid = this.upid() ?? null;
      untracked(() => this.store.selectedUpid.set(upid));
    });
  }

  protected select(upid: string): void {
    void this.router.navigate([], { queryParams: { upid }, replaceUrl: true });
  }

  protected selectedTitle(): string {
    const task = this.store.selected();
    return task ? `${taskTypeLabel(task.type)} ${task.id} on ${task.node}` : 'Task log';
  }
}
