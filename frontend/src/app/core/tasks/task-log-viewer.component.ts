import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { TaskProgressPanelComponent } from '../../shared/task-progress/task-progress-panel.component';
import { TaskTracker, TrackedTask } from './task-tracker';

/** Shows one task by UPID and follows it live while it runs. */
@Component({
  selector: 'pc-task-log-viewer',
  imports: [TaskProgressPanelComponent],
  template: `
    <pc-task-progress-panel
      [title]="title()"
      [task]="tracked()?.task() ?? null"
      [error]="tracked()?.error() ?? null"
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskLogViewerComponent {
  private readonly tracker = inject(TaskTracker);

  readonly upid = input.required<string>();
  readonly title = input('Task log');
  protected readonly tracked = signal<TrackedTask | null>(null);

  constructor() {
    effect(() => {
      const upid = this.upid();
      untracked(() => {
        this.tracked()?.stop();
        this.tracked.set(this.tracker.track(upid));
      });
    });
    inject(DestroyRef).onDestroy(() => this.tracked()?.stop());
  }
}
