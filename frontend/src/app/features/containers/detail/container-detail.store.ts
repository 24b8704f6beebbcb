import { Injectable, computed, inject, signal } from '@angular/core';
import { Observable, firstValueFrom } from 'rxjs';
import {
  ContainerDetailDto,
  ShutdownContainerDto,
  TaskListDto,
  TaskRefDto,
  UpdateContainerDto,
} from '../../../api/models';
import { ContainersService, TasksService } from '../../../api/services';
import { describeApiError } from '../../../core/http/api-error';
import { startPolling } from '../../../core/store/poller';
import { RemoteResource } from '../../../core/store/remote-resource';
import { TaskTracker, TrackedTask } from '../../../core/tasks/task-tracker';
import { toEpochMs } from '../../../shared/format/format';
import { taskFailed } from '../../../shared/task-progress/task-view';
import { ActionPermissionsStore } from '../action-permissions.store';
import { PowerAction } from '../container-list';
import { powerRequest } from '../power-request';
import { CounterSample, Rates, counterRates } from './live-rates';

export const DETAIL_POLL_MS = 5_000;
export const DETAIL_STALE_MS = 3 * DETAIL_POLL_MS;

export type DetailAction =
  | PowerAction
  | 'delete'
  | 'resize'
  | 'snapshot'
  | 'rollback'
  | 'delete-snapshot'
  | 'backup'
  | 'restore'
  | 'delete-backup';

/** delete: purge and force; shutdown: timeout and forceStop */
export interface ActOptions {
  purge?: boolean;
  force?: boolean;
  shutdown?: ShutdownContainerDto;
}

export interface ActionRun {
  readonly action: DetailAction;
  readonly tracked: TrackedTask | null;
  /** Set when the request itself was refused (permission, lock, validation). */
  readonly requestError: string | null;
}

/** One container: live status polled every few seconds, its task history and its actions. */
@Injectable()
export class ContainerDetailStore {
  private readonly api = inject(ContainersService);
  private readonly tasksApi = inject(TasksService);
  private readonly tracker = inject(TaskTracker);
  private readonly permissions = inject(ActionPermissionsStore);
  private readonly resource = new RemoteResource<ContainerDetailDto>();
  private readonly history = new RemoteResource<TaskListDto>();
  private lastSample: CounterSample | null = null;

  readonly vmid = signal<number | null>(null);
  readonly container = this.resource.value;
  readonly loading = this.resource.initialLoading;
  readonly error = this.resource.error;
  readonly loadedAt = this.resource.loadedAt;
  readonly fetchedAt = computed(() => this.container()?.fetchedAt ?? null);
  readonly stale = computed(() => (this.container()?.stale ?? false) || !!this.error());
  readonly tasks = computed(() => this.history.value()?.items ?? []);
  readonly tasksError = this.history.error;
  readonly rates = signal<Rates | null>(null);
  readonly run = signal<ActionRun | null>(null);
  readonly busy = computed(() => {
    const run = this.run();
    return !!run && !run.requestError && !run.tracked?.done();
  });
  /** Once a delete was accepted the container is going away: polling it would only earn 404s. */
  readonly deleting = computed(() => {
    const run = this.run();
    return run?.action === 'delete' && !run.requestError;
  });
  /** The newest running task of this container, whoever started it, to show its live log. */
  readonly runningTask = computed(() => this.tasks().find((t) => t.status === 'running') ?? null);

  connect(vmid: number): () => void {
    this.vmid.set(vmid);
    this.resource.reset();
    this.history.reset();
    this.lastSample = null;
    this.rates.set(null);
    void this.refresh();
    return startPolling(() => void this.refresh(), DETAIL_POLL_MS);
  }

  async refresh(): Promise<void> {
    const vmid = this.vmid();
    if (vmid === null || this.deleting()) return;
    await Promise.all([
      this.resource.load(() => this.api.getContainer({ vmid })).then(() => this.sample()),
      this.history.load(() => this.tasksApi.listTasks({ vmid, limit: 20 })),
      this.permissions.refresh(),
    ]);
  }

  /** Sends the action and follows its task; resolves true when Proxmox reports success. */
  async act(action: PowerAction | 'delete', options: ActOptions = {}): Promise<boolean> {
    const vmid = this.vmid();
    if (vmid === null) return false;
    return this.runTask(action, () => this.request(action, vmid, options));
  }

  /**
   * Saves settings (PATCH, synchronous in Proxmox) and shows the answer at once; resolves with the
   * refusal's text, or null when saved.
   */
  async save(body: UpdateContainerDto): Promise<string | null> {
    const vmid = this.vmid();
    if (vmid === null) return 'No container';
    try {
      const detail = await firstValueFrom(this.api.updateContainer({ vmid, body }));
      this.resource.update(() => detail);
      void this.history.load(() => this.tasksApi.listTasks({ vmid, limit: 20 }));
      return null;
    } catch (err) {
      return describeApiError(err);
    }
  }

  /** Starts any task of this container (resize, snapshots, power) and follows it in the panel. */
  async runTask(action: DetailAction, request: () => Observable<TaskRefDto>): Promise<boolean> {
    if (this.vmid() === null || this.busy()) return false;
    let ref: TaskRefDto;
    this.run.set({ action, tracked: null, requestError: null });
    try {
      ref = await firstValueFrom(request());
    } catch (err) {
      this.run.set({ action, tracked: null, requestError: describeApiError(err) });
      return false;
    }
    const tracked = this.tracker.track(ref.upid);
    this.run.set({ action, tracked, requestError: null });
    const final = await tracked.finished;
    if (action !== 'delete') void this.refresh();
    return !!final && !taskFailed(final);
  }

  resizeRequest(vmid: number, size: string, disk = 'rootfs'): Observable<TaskRefDto> {
    return this.api.resizeContainerDisk({ vmid, body: { disk, size } });
  }

  dismissRun(): void {
    this.run()?.tracked?.stop();
    this.run.set(null);
  }

  private request(
    action: PowerAction | 'delete',
    vmid: number,
    options: ActOptions,
  ): Observable<TaskRefDto> {
    return action === 'delete'
      ? this.api.deleteContainer({ vmid, purge: options.purge, force: options.force })
      : powerRequest(this.api, action, vmid, options.shutdown);
  }

  private sample(): void {
    const ct = this.container();
    // Counters are read by the server; its timestamp says when, even when it answered from cache.
    const at = toEpochMs(ct?.fetchedAt) ?? this.loadedAt();
    if (!ct || at === null) return;
    const next: CounterSample = {
      at,
      netin: ct.netin,
      netout: ct.netout,
      diskread: ct.diskread,
      diskwrite: ct.diskwrite,
    };
    if (this.lastSample?.at === at) return;
    const rates = counterRates(this.lastSample, next);
    if (rates) this.rates.set(rates);
    this.lastSample = next;
  }
}
