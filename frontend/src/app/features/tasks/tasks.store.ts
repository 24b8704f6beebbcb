import { Injectable, computed, inject, signal } from '@angular/core';
import { TaskListDto } from '../../api/models';
import { TasksService } from '../../api/services';
import { startPolling } from '../../core/store/poller';
import { RemoteResource } from '../../core/store/remote-resource';
import { TaskStatusFilter, filterTasks } from './task-filter';

export const TASKS_POLL_MS = 10_000;
export const TASKS_LIMIT = 200;

@Injectable()
export class TasksStore {
  private readonly api = inject(TasksService);
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

  connect(): () => void {
    void this.refresh();
    return startPolling(() => void this.refresh(), TASKS_POLL_MS);
  }

  refresh(): Promise<boolean> {
    return this.resource.load(() => this.api.listTasks({ limit: TASKS_LIMIT }));
  }
}
