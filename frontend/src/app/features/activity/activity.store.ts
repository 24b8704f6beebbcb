import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { ActivityPageDto, ContainerListDto } from '../../api/models';
import { ActivityService, ContainersService } from '../../api/services';
import { exportFileName } from '../../core/activity/activity-export';
import { describeApiError } from '../../core/http/api-error';
import { RemoteResource } from '../../core/store/remote-resource';
import { ActivityFilters, NO_FILTERS, activityQuery } from './activity-query';

export const ACTIVITY_PAGE_SIZE = 50;

/** Who did what and when, filtered and paged on the server; the CSV uses the same filters. */
@Injectable()
export class ActivityStore {
  private readonly api = inject(ActivityService);
  private readonly resource = new RemoteResource<ActivityPageDto>();
  private readonly containersApi = inject(ContainersService);
  /** The cluster's containers, read once, so a target reads 'web-1 (ct/101)', not 'ct/101'. */
  private readonly containers = new RemoteResource<ContainerListDto>();
  private readonly names = computed(
    () => new Map((this.containers.value()?.items ?? []).map((ct) => [ct.vmid, ct.name])),
  );

  readonly filters = signal<ActivityFilters>(NO_FILTERS);
  readonly offset = signal(0);
  readonly entries = computed(() => this.resource.value()?.entries ?? []);
  readonly total = computed(() => this.resource.value()?.total ?? 0);
  readonly loading = this.resource.loading;
  readonly error = this.resource.error;
  readonly hasPrevious = computed(() => this.offset() > 0);
  readonly hasNext = computed(() => this.offset() + this.entries().length < this.total());
  readonly exporting = signal(false);
  readonly exportError = signal<string | null>(null);

  /** 'web-1 (ct/101)' for a container the cluster still has; the bare target otherwise. */
  targetLabel(target: string): string {
    const vmid = /^ct\/(\d+)$/.exec(target)?.[1];
    const name = vmid ? this.names().get(Number(vmid)) : undefined;
    return name ? `${name} (${target})` : target;
  }

  /** Names are a nicety: a failure leaves targets as they are. */
  loadNames(): Promise<boolean> {
    return this.containers.load(() => this.containersApi.listContainers());
  }

  refresh(): Promise<boolean> {
    const query = {
      ...activityQuery(this.filters()),
      limit: ACTIVITY_PAGE_SIZE,
      offset: this.offset(),
    };
    return this.resource.load(() => this.api.listActivity(query));
  }

  /** New filters start again at the newest entry. */
  apply(filters: ActivityFilters): Promise<boolean> {
    this.filters.set(filters);
    this.offset.set(0);
    return this.refresh();
  }

  page(direction: 1 | -1): Promise<boolean> {
    this.offset.update((o) => Math.max(0, o + direction * ACTIVITY_PAGE_SIZE));
    return this.refresh();
  }

  /** The CSV text of all entries matching the filters; the page turns it into a download. */
  async exportCsv(): Promise<{ text: string; fileName: string } | null> {
    this.exporting.set(true);
    this.exportError.set(null);
    try {
      const text = await firstValueFrom(this.api.exportActivityCsv(activityQuery(this.filters())));
      return { text, fileName: exportFileName(new Date()) };
    } catch (err) {
      this.exportError.set(describeApiError(err));
      return null;
    } finally {
      this.exporting.set(false);
    }
  }
}
