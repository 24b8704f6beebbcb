import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { TaskRefDto } from '../../api/models';
import { ContainersService } from '../../api/services';
import { describeApiError } from '../../core/http/api-error';
import { TaskTracker } from '../../core/tasks/task-tracker';
import { taskFailed, taskHeadline } from '../../shared/task-progress/task-view';
import { PowerAction } from './container-list';
import { powerRequest } from './power-request';

export type BulkItemState = 'requesting' | 'running' | 'ok' | 'failed';

export interface BulkItemResult {
  readonly vmid: number;
  readonly name: string;
  readonly state: BulkItemState;
  readonly message: string;
  readonly upid?: string;
}

export interface BulkTarget {
  readonly vmid: number;
  readonly name: string;
}

/**
 * Runs one power action over many containers at once and keeps a result per container, so a
 * failure on one (locked, missing privilege) is reported beside it instead of failing all.
 */
@Injectable()
export class BulkActionRunner {
  private readonly api = inject(ContainersService);
  private readonly tracker = inject(TaskTracker);

  readonly action = signal<PowerAction | null>(null);
  readonly results = signal<readonly BulkItemResult[]>([]);
  readonly running = computed(() =>
    this.results().some((r) => r.state === 'requesting' || r.state === 'running'),
  );
  readonly summary = computed(() => summarize(this.results()));

  async run(action: PowerAction, targets: readonly BulkTarget[]): Promise<void> {
    this.action.set(action);
    this.results.set(
      targets.map((t) => ({ ...t, state: 'requesting', message: 'Sending request…' })),
    );
    await Promise.all(targets.map((t) => this.runOne(action, t)));
  }

  clear(): void {
    this.action.set(null);
    this.results.set([]);
  }

  private async runOne(action: PowerAction, target: BulkTarget): Promise<void> {
    let ref: TaskRefDto;
    try {
      ref = await firstValueFrom(powerRequest(this.api, action, target.vmid));
    } catch (err) {
      this.patch(target.vmid, { state: 'failed', message: describeApiError(err) });
      return;
    }
    this.patch(target.vmid, { state: 'running', message: 'Running…', upid: ref.upid });
    const tracked = this.tracker.track(ref.upid);
    const final = await tracked.finished;
    if (!final) {
      this.patch(target.vmid, {
        state: 'failed',
        message: tracked.error() ?? 'Lost track of the task',
      });
      return;
    }
    const ok = !taskFailed(final);
    this.patch(target.vmid, { state: ok ? 'ok' : 'failed', message: taskHeadline(final) });
  }

  private patch(vmid: number, change: Partial<BulkItemResult>): void {
    this.results.update((all) => all.map((r) => (r.vmid === vmid ? { ...r, ...change } : r)));
  }
}

export function summarize(results: readonly BulkItemResult[]): string {
  const ok = results.filter((r) => r.state === 'ok').length;
  const failed = results.filter((r) => r.state === 'failed').length;
  const pending = results.length - ok - failed;
  const parts = [`${ok} succeeded`];
  if (failed) parts.push(`${failed} failed`);
  if (pending) parts.push(`${pending} in progress`);
  return parts.join(', ');
}
