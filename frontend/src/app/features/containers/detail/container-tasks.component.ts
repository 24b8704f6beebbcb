import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { TaskDto } from '../../../api/models';
import { TaskLogViewerComponent } from '../../../core/tasks/task-log-viewer.component';
import { TaskTableComponent } from '../../../core/tasks/task-table.component';
import { EmptyStateComponent } from '../../../shared/states/empty-state.component';
import { ErrorStateComponent } from '../../../shared/states/error-state.component';

/** The container's task history; a running task's log is shown live without a click. */
@Component({
  selector: 'pc-container-tasks',
  imports: [TaskTableComponent, TaskLogViewerComponent, EmptyStateComponent, ErrorStateComponent],
  template: `
    <h2>Task history</h2>
    @if (error(); as message) {
      <pc-error-state
        title="Could not load the task history"
        [message]="message"
        [retryable]="false"
      />
    }
    @if (tasks().length) {
      <div class="layout">
        <pc-task-table
          [tasks]="tasks()"
          [compact]="true"
          [selectedUpid]="shown()"
          (selected)="picked.set($event)"
        />
        @if (shown(); as upid) {
          <pc-task-log-viewer [upid]="upid" title="Log" />
        }
      </div>
    } @else if (!error()) {
      <pc-empty-state icon="history" title="No tasks yet"
        >Actions on this container will show up here.</pc-empty-state
      >
    }
  `,
  styles: `
    .layout {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 360px), 1fr));
      gap: 16px;
      align-items: start;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerTasksComponent {
  readonly tasks = input.required<readonly TaskDto[]>();
  readonly error = input<string | null>(null);
  readonly runningUpid = input<string | null>(null);

  protected readonly picked = signal<string | null>(null);
  protected readonly shown = computed(() => this.picked() ?? this.runningUpid());
}
