import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { StorageListDto, TemplateDto, TemplateListDto } from '../../api/models';
import { NodesService, TemplatesService } from '../../api/services';
import { ClusterStore } from '../../core/cluster/cluster.store';
import { describeApiError } from '../../core/http/api-error';
import { RemoteResource } from '../../core/store/remote-resource';
import { TaskTracker, TrackedTask } from '../../core/tasks/task-tracker';
import { downloadKey, downloadTargets, splitTemplates, storageContents } from './template-list';

export interface DownloadRun {
  readonly key: string;
  readonly node: string;
  readonly storage: string;
  readonly tracked: TrackedTask | null;
  readonly requestError: string | null;
}

/** Templates (curated and all), where copies sit, and downloads followed to their end. */
@Injectable()
export class TemplatesStore {
  private readonly api = inject(TemplatesService);
  private readonly nodesApi = inject(NodesService);
  private readonly tracker = inject(TaskTracker);
  private readonly cluster = inject(ClusterStore);
  private readonly resource = new RemoteResource<TemplateListDto>();
  private readonly storageResource = new RemoteResource<StorageListDto>();

  readonly showAll = signal(false);
  readonly targetNode = signal('');
  readonly targetStorage = signal('');
  readonly downloads = signal<ReadonlyMap<string, DownloadRun>>(new Map());

  readonly templates = computed(() => this.resource.value()?.items ?? []);
  readonly loading = this.resource.initialLoading;
  readonly error = this.resource.error;
  readonly fetchedAt = computed(() => this.resource.value()?.fetchedAt ?? null);
  readonly stale = computed(() => (this.resource.value()?.stale ?? false) || !!this.error());
  readonly groups = computed(() => splitTemplates(this.templates()));
  readonly contents = computed(() => storageContents(this.templates()));
  readonly onlineNodes = computed(() => this.cluster.nodes().filter((n) => n.status === 'online'));
  readonly targets = computed(() => downloadTargets(this.storageResource.value()?.items ?? []));
  readonly storagesError = this.storageResource.error;

  refresh(): Promise<boolean> {
    return this.resource.load(() => this.api.listTemplates({ all: this.showAll() }));
  }

  setShowAll(all: boolean): void {
    this.showAll.set(all);
    void this.refresh();
  }

  /** Picks the node to download to and loads its template storages. */
  async chooseNode(node: string): Promise<void> {
    this.targetNode.set(node);
    this.targetStorage.set('');
    if (!node) return;
    await this.storageResource.load(() =>
      this.nodesApi.listNodeStorages({ node, content: 'vztmpl' }),
    );
    this.targetStorage.set(this.targets()[0]?.storage ?? '');
  }

  downloadOf(template: TemplateDto): DownloadRun | null {
    return this.downloads().get(downloadKey(template)) ?? null;
  }

  /** Starts a download to the chosen node and storage; resolves true when it finished OK. */
  async download(template: TemplateDto): Promise<boolean> {
    const node = this.targetNode();
    const storage = this.targetStorage();
    const key = downloadKey(template);
    if (!template.template || !node || !storage) return false;
    this.setRun({ key, node, storage, tracked: null, requestError: null });
    try {
      const ref = await firstValueFrom(
        this.api.downloadTemplate({ body: { node, storage, template: template.template } }),
      );
      const tracked = this.tracker.track(ref.upid);
      this.setRun({ key, node, storage, tracked, requestError: null });
      const final = await tracked.finished;
      await this.refresh();
      return final?.exitstatus === 'OK' || !!final?.exitstatus?.startsWith('WARNINGS');
    } catch (err) {
      this.setRun({ key, node, storage, tracked: null, requestError: describeApiError(err) });
      return false;
    }
  }

  private setRun(run: DownloadRun): void {
    this.downloads.update((all) => new Map(all).set(run.key, run));
  }
}
