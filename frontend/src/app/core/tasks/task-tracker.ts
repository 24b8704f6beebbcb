import { DestroyRef, Injectable, Signal, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { TaskDetailDto } from '../../api/models';
import { TasksService } from '../../api/services';
import { TaskView, isTaskDone } from '../../shared/task-progress/task-view';
import { describeApiError } from '../http/api-error';

export const TASK_POLL_MS = 1000;
/** Transient errors are retried quietly; after this many in a row the user is told. */
export const TASK_MAX_FAILURES = 5;

export interface TrackedTask {
  readonly upid: string;
  readonly task: Signal<TaskView | null>;
  readonly error: Signal<string | null>;
  readonly done: Signal<boolean>;
  /** Resolves with the final task once Proxmox reports it ended (or tracking gave up: null). */
  readonly finished: Promise<TaskView | null>;
  stop(): void;
}

export function toTaskView(dto: TaskDetailDto, previousLog: readonly string[] = []): TaskView {
  return {
    upid: dto.upid,
    status: dto.status,
    exitstatus: dto.exitstatus ?? null,
    type: dto.type,
    log: [...previousLog, ...dto.log.map((line) => line.t)],
    startedAt: dto.starttime ? dto.starttime * 1000 : null,
    endedAt: dto.endtime ? dto.endtime * 1000 : null,
    lockedBy: dto.lockedBy ?? null,
    ha: dto.ha ? { progress: dto.ha.progress, message: dto.ha.message } : null,
  };
}

/**
 * Follows Proxmox tasks until they end. Each poll asks only for log lines not seen yet, so a
 * long-running download does not re-send its whole log every second.
 */
@Injectable({ providedIn: 'root' })
export class TaskTracker {
  private readonly tasks = inject(TasksService);

  track(upid: string, destroyRef?: DestroyRef): TrackedTask {
    const task = signal<TaskView | null>(null);
    const error = signal<string | null>(null);
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let resolve!: (value: TaskView | null) => void;
    const finished = new Promise<TaskView | null>((r) => (resolve = r));

    const stop = (): void => {
      stopped = true;
      clearTimeout(timer);
    };
    const poll = async (): Promise<void> => {
      if (stopped) return;
      try {
        const seen = task()?.log ?? [];
        const dto = await firstValueFrom(this.tasks.getTask({ upid, start: seen.length }));
        const view = toTaskView(dto, seen);
        failures = 0;
        error.set(null);
        task.set(view);
        if (isTaskDone(view)) {
          stop();
          resolve(view);
          return;
        }
      } catch (err) {
        failures++;
        if (failures >= TASK_MAX_FAILURES) {
          error.set(describeApiError(err));
          stop();
          resolve(null);
          return;
        }
      }
      if (!stopped) timer = setTimeout(() => void poll(), TASK_POLL_MS);
    };

    destroyRef?.onDestroy(stop);
    void poll();
    const done = computed(() => {
      const current = task();
      return (current !== null && isTaskDone(current)) || error() !== null;
    });
    return { upid, task, error, done, finished, stop };
  }
}
