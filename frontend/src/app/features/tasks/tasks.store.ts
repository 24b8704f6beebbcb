import { Injectable, computed, inject, signal } from '@angular/core';
import { debounceTime } from 'rxjs';
import { TaskListDto } from '../../api/models';
import { TasksService } from '../../api/services';
import { LiveEvents } from '../../core/events/live-events';
import { startPolling } from '../../core/store/poller';
import { RemoteResource } from '../../core/store/remote-resource';
import { TaskStatusFilter, filterTasks } from './task-filter';

export const TASKS_POLL_MS = 10_000;
export const TASKS_LIMIT = 200;
/** Tasks that start or end together cause one reload. */
export const TASK_EVENT_DEBOUNCE_MS = 300;

@Injectable()
export class TasksStore {
  private readonly api = inject(TasksService);
  private readonly live = inject(LiveEvents);
  private readonly resource = new RemoteResource<TaskListDto>();

  readonly text = signal('');
  readonly status = signal<TaskStatusFilter>('all');
  readonly selectedUpid = signal<string | null>(null);

  readonly all = computed(() => this.resource.value()?.items ?? []);
  readonly visible = computed(() => filterTasks(this.all(), this.text(), this.status()));
  readonly loading = this.resource.initialLoading;
  readonly error = this.resource.error;
  readonly fetchedAt = computed(() => this.resource.value()?.fetchedAt ?? null);
  readonly stale = computed(() => (this.resource.value()?.stale ?? false) || !!this.error());
  readonly selected = computed(
    () => this.all().find((t) => t.upid === this.selectedUpid()) ?? null,
  );

  /**
   * Loads the list, then reloads it when the event stream says a task started or ended, and
   * polls only while the stream is not healthy (tasks started outside the console then show too).
   */
  connect(): () => void {
    this.live.connect();
    void this.refresh();
    const changes = this.live.tasks$
      .pipe(debounceTime(TASK_EVENT_DEBOUNCE_MS))
      .subscribe(() => void this.refresh());
    const stop = startPolling(() => void this.refresh(), TASKS_POLL_MS, undefined, this.live);
    return () => {
      stop();
      changes.unsubscribe();
    };
  }

  refresh(): Promise<boolean> {
    return this.resource.load(() => this.api.listTasks({ limit: TASKS_LIMIT }));
  }
}
