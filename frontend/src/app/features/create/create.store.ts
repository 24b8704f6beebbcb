import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { CreateContainerResultDto, StorageListDto } from '../../api/models';
import { ContainersService, NamesService, NodesService } from '../../api/services';
import { ClusterStore } from '../../core/cluster/cluster.store';
import { apiFieldErrors, describeApiError } from '../../core/http/api-error';
import { RemoteResource } from '../../core/store/remote-resource';
import { TaskTracker, TrackedTask } from '../../core/tasks/task-tracker';
import { WizardValue, buildCreateRequest, pickDefaultNode } from './create-request';

export type NameCheckState = 'idle' | 'checking' | 'available' | 'taken' | 'error';

export interface NameCheck {
  readonly hostname: string;
  readonly state: NameCheckState;
  readonly message: string;
}

export interface Submission {
  readonly result: CreateContainerResultDto | null;
  readonly tracked: TrackedTask | null;
  readonly requestError: string | null;
  readonly fieldErrors: Record<string, string>;
}

/** The create wizard: target node and storages, name suggestion and check, and the submission. */
@Injectable()
export class CreateStore {
  private readonly nodesApi = inject(NodesService);
  private readonly namesApi = inject(NamesService);
  private readonly containersApi = inject(ContainersService);
  private readonly tracker = inject(TaskTracker);
  private readonly cluster = inject(ClusterStore);
  private readonly storageResource = new RemoteResource<StorageListDto>();
  private nameSequence = 0;

  readonly node = signal('');
  readonly onlineNodes = computed(() => this.cluster.nodes().filter((n) => n.status === 'online'));
  readonly storages = computed(() =>
    (this.storageResource.value()?.items ?? [])
      .filter((s) => s.active)
      .sort((a, b) => b.avail - a.avail),
  );
  readonly allStorages = computed(() => this.storageResource.value()?.items ?? []);
  readonly storagesLoading = this.storageResource.loading;
  readonly storagesError = this.storageResource.error;
  readonly nameCheck = signal<NameCheck>({ hostname: '', state: 'idle', message: '' });
  readonly submission = signal<Submission | null>(null);
  readonly submitting = computed(() => {
    const s = this.submission();
    return !!s && !s.requestError && !s.tracked?.done();
  });

  /** Chooses the default node once the cluster's nodes are known; returns it. */
  defaultNode(): string {
    return pickDefaultNode(this.cluster.nodes(), this.cluster.selectedNode());
  }

  async chooseNode(node: string): Promise<void> {
    this.node.set(node);
    if (!node) return;
    await this.storageResource.load(() =>
      this.nodesApi.listNodeStorages({ node, content: 'rootdir' }),
    );
  }

  async suggestName(): Promise<string | null> {
    try {
      return (await firstValueFrom(this.namesApi.suggestName())).hostname;
    } catch {
      // A missing suggestion is no blocker: the user types a name instead.
      return null;
    }
  }

  /** Checks a name; only the newest check may update the state, so typing fast stays right. */
  async checkName(hostname: string): Promise<void> {
    const mine = ++this.nameSequence;
    const name = hostname.trim();
    if (!name) {
      this.nameCheck.set({ hostname: name, state: 'idle', message: '' });
      return;
    }
    this.nameCheck.set({ hostname: name, state: 'checking', message: 'Checking…' });
    try {
      const answer = await firstValueFrom(this.namesApi.checkName({ hostname: name }));
      if (mine !== this.nameSequence) return;
      this.nameCheck.set({
        hostname: name,
        state: answer.available ? 'available' : 'taken',
        message: answer.available ? 'Available' : (answer.reason ?? 'Not available'),
      });
    } catch (err) {
      if (mine !== this.nameSequence) return;
      this.nameCheck.set({ hostname: name, state: 'error', message: describeApiError(err) });
    }
  }

  /** Sends the create request and follows its task to the end. */
  async submit(value: WizardValue): Promise<boolean> {
    if (this.submitting()) return false;
    const pending: Submission = {
      result: null,
      tracked: null,
      requestError: null,
      fieldErrors: {},
    };
    this.submission.set(pending);
    let result: CreateContainerResultDto;
    try {
      result = await firstValueFrom(
        this.containersApi.createContainer({ body: buildCreateRequest(value) }),
      );
    } catch (err) {
      this.submission.set({
        ...pending,
        requestError: describeApiError(err),
        fieldErrors: apiFieldErrors(err),
      });
      return false;
    }
    const tracked = this.tracker.track(result.upid);
    this.submission.set({ ...pending, result, tracked });
    const final = await tracked.finished;
    return !!final && final.exitstatus === 'OK';
  }

  resetSubmission(): void {
    this.submission()?.tracked?.stop();
    this.submission.set(null);
  }
}
