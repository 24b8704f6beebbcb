import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  viewChild,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Clock } from '../../core/clock';
import { formatDuration } from '../format/format';
import { StatusChipComponent } from '../status-chip/status-chip.component';
import { TaskView, taskElapsedSeconds, taskHeadline, taskOutcome } from './task-view';

/** Follows one Proxmox task: a progress bar while it runs, the outcome and the live log. */
@Component({
  selector: 'pc-task-progress-panel',
  imports: [MatIconModule, MatProgressBarModule, StatusChipComponent],
  templateUrl: './task-progress-panel.component.html',
  styleUrl: './task-progress-panel.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskProgressPanelComponent {
  private readonly clock = inject(Clock);

  readonly title = input('Task');
  readonly task = input<TaskView | null>(null);
  /** Set when following the task itself failed (network, permission), not the task. */
  readonly error = input<string | null>(null);
  readonly showLog = input(true);

  protected readonly outcome = computed(() => {
    const task = this.task();
    return task ? taskOutcome(task) : 'running';
  });
  protected readonly headline = computed(() => {
    const task = this.task();
    return task ? taskHeadline(task) : 'Starting…';
  });
  protected readonly elapsed = computed(() => {
    const task = this.task();
    return task ? formatDuration(taskElapsedSeconds(task, this.clock.now())) : '—';
  });
  protected readonly chipStatus = computed(() => {
    const outcome = this.outcome();
    return outcome === 'ok'
      ? 'OK'
      : outcome === 'running'
        ? 'pending'
        : outcome === 'warnings'
          ? 'paused'
          : outcome === 'locked'
            ? 'locked'
            : 'failed';
  });

  /** In compact mode the newest log line still shows progress (e.g. a download's percentage). */
  protected readonly lastLine = computed(() => this.task()?.log?.at(-1) ?? '');

  private readonly logBox = viewChild<ElementRef<HTMLElement>>('log');

  constructor() {
    // Keep the newest log line in view, as a terminal would.
    effect(() => {
      const lines = this.task()?.log?.length ?? 0;
      const box = this.logBox()?.nativeElement;
      if (box && lines) box.scrollTop = box.scrollHeight;
    });
  }
}
