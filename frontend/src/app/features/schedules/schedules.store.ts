import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { CreateScheduleDto, ScheduleDto, ScheduleListDto } from '../../api/models';
import { SchedulesService } from '../../api/services';
import { runAction } from '../../core/store/run-action';
import { RemoteResource } from '../../core/store/remote-resource';

/** Schedules made here first (by name), then those that follow pxc.schedule tags. */
export function sortSchedules(items: readonly ScheduleDto[]): ScheduleDto[] {
  return [...items].sort(
    (a, b) =>
      Number(a.source === 'tag') - Number(b.source === 'tag') || a.name.localeCompare(b.name),
  );
}

/** "2 ok, 1 skipped (done)", "nothing to do: …", or "not run yet". */
export function lastRunText(s: ScheduleDto): string {
  const run = s.lastRun;
  if (!run) return 'not run yet';
  return run.state && run.state !== 'done' ? `${run.summary} (${run.state})` : run.summary;
}

/** The schedules page: every schedule with its next run and last result; create and delete. */
@Injectable()
export class SchedulesStore {
  private readonly api = inject(SchedulesService);
  private readonly resource = new RemoteResource<ScheduleListDto>();

  readonly schedules = computed(() => sortSchedules(this.resource.value()?.items ?? []));
  readonly tagTimeZone = computed(() => this.resource.value()?.tagTimeZone ?? '');
  readonly loading = this.resource.initialLoading;
  readonly error = this.resource.error;
  readonly actionError = signal<string | null>(null);
  readonly busy = signal(false);

  refresh(): Promise<boolean> {
    return this.resource.load(() => this.api.listSchedules());
  }

  create(body: CreateScheduleDto): Promise<boolean> {
    return this.run(async () => {
      const created = await firstValueFrom(this.api.createSchedule({ body }));
      this.resource.update((list) => ({ ...list, items: [...list.items, created] }));
    });
  }

  setEnabled(id: string, enabled: boolean): Promise<boolean> {
    return this.run(async () => {
      const changed = await firstValueFrom(this.api.updateSchedule({ id, body: { enabled } }));
      this.resource.update((list) => ({
        ...list,
        items: list.items.map((s) => (s.id === id ? changed : s)),
      }));
    });
  }

  remove(id: string): Promise<boolean> {
    return this.run(async () => {
      await firstValueFrom(this.api.deleteSchedule({ id }));
      this.resource.update((list) => ({ ...list, items: list.items.filter((s) => s.id !== id) }));
    });
  }

  private run(action: () => Promise<void>): Promise<boolean> {
    return runAction(this.busy, this.actionError, action);
  }
}
