import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { ContainerListDto, ContainerSummaryDto } from '../../api/models';
import { ContainersService } from '../../api/services';
import { BackupFreshnessStore } from '../../core/backups/backup-freshness.store';
import { ClusterStore } from '../../core/cluster/cluster.store';
import { LiveEvents } from '../../core/events/live-events';
import { describeApiError } from '../../core/http/api-error';
import { newest } from '../../core/store/newest';
import { startPolling } from '../../core/store/poller';
import { ActionPermissionsStore } from './action-permissions.store';
import { RemoteResource } from '../../core/store/remote-resource';
import {
  ContainerFilter,
  ContainerSort,
  PowerAction,
  canRun,
  collectTags,
  countByStatus,
  filterContainers,
  sortContainers,
} from './container-list';
import { SelectorSearch } from './selector-search';

export const CONTAINERS_POLL_MS = 10_000;
/** The list refreshes every 10 s, so data older than three missed refreshes is stale. */
export const CONTAINERS_STALE_MS = 3 * CONTAINERS_POLL_MS;

/**
 * The containers page: the cluster-wide list with filters, sorting and a selection. The list
 * comes from the event stream while it is healthy (changes pushed as they happen) and is polled
 * while it is not; of the two, the answer Proxmox gave later wins.
 */
@Injectable()
export class ContainersStore {
  private readonly api = inject(ContainersService);
  private readonly permissions = inject(ActionPermissionsStore);
  private readonly cluster = inject(ClusterStore);
  private readonly live = inject(LiveEvents);
  private readonly resource = new RemoteResource<ContainerListDto>();
  private readonly list = computed(() => newest(this.live.containers(), this.resource.value()));
  /** Last backup of each container, refreshed slowly (see BackupFreshnessStore). */
  readonly backups = inject(BackupFreshnessStore);
  /** Show only containers without a backup in `backups.days()` days. */
  readonly withoutBackup = signal(false);

  /** The search box: a selector the server resolves (see SelectorSearch). */
  readonly text = signal('');
  readonly search = new SelectorSearch((selector) => this.api.listContainers({ selector }));
  readonly statuses = signal<readonly string[]>([]);
  readonly tags = signal<readonly string[]>([]);
  /** The node filter is the top bar's node picker, so both always agree. */
  readonly node = this.cluster.selectedNode;
  readonly sort = signal<ContainerSort>({ key: 'vmid', direction: 'asc' });
  readonly selected = signal<ReadonlySet<number>>(new Set());

  readonly all = computed(() => this.list()?.items ?? []);
  readonly loading = computed(() => this.resource.initialLoading() && !this.live.containers());
  readonly refreshing = this.resource.loading;
  readonly error = computed(() => (this.live.containers() ? null : this.resource.error()));
  readonly loadedAt = this.resource.loadedAt;
  /** When Proxmox last answered; `stale` is set when the server could not refresh its cache. */
  readonly fetchedAt = computed(() => this.list()?.fetchedAt ?? null);
  readonly stale = computed(() => (this.list()?.stale ?? false) || !!this.error());

  readonly filter = computed<ContainerFilter>(() => ({
    text: this.text(),
    matched: this.text().trim() ? this.search.matched() : null,
    statuses: this.statuses(),
    node: this.node(),
    tags: this.tags(),
    withoutBackup: this.withoutBackup() && this.backups.loaded() ? this.backups.staleVmids() : null,
  }));
  readonly visible = computed(() =>
    sortContainers(filterContainers(this.all(), this.filter()), this.sort()),
  );
  readonly allTags = computed(() => collectTags(this.all()));
  readonly allPools = computed(() =>
    [...new Set(this.all().flatMap((ct) => (ct.pool ? [ct.pool] : [])))].sort(),
  );
  readonly counts = computed(() => countByStatus(this.all()));
  readonly filtered = computed(() => this.visible().length !== this.all().length);

  /** Only selected rows that are still visible count, so a filter never hides a target. */
  readonly selection = computed(() => this.visible().filter((ct) => this.selected().has(ct.vmid)));
  readonly allVisibleSelected = computed(
    () => this.visible().length > 0 && this.selection().length === this.visible().length,
  );

  connect(): () => void {
    this.live.connect();
    if (!this.live.containers()) void this.refresh();
    else void this.permissions.refresh();
    const stop = startPolling(() => void this.refresh(), CONTAINERS_POLL_MS, undefined, this.live);
    // the search's matches come from the server's list: a pushed change (a new CT gets its name,
    // a status flips) can change them, and no poll re-resolves them while the stream is healthy
    const changes = this.live.containersChanged$.subscribe(() => this.search.schedule(this.text()));
    const release = this.backups.connect();
    return () => {
      stop();
      changes.unsubscribe();
      release();
      this.search.dispose();
    };
  }

  async refresh(): Promise<boolean> {
    const [loaded] = await Promise.all([
      this.resource.load(() => this.api.listContainers()),
      this.search.refresh(),
      this.permissions.refresh(),
    ]);
    return loaded;
  }

  /** Replaces a container's tags (PATCH); resolves with the refusal's text, or null. */
  async saveTags(vmid: number, tags: string[]): Promise<string | null> {
    try {
      await firstValueFrom(this.api.updateContainer({ vmid, body: { tags } }));
    } catch (err) {
      return describeApiError(err);
    }
    await this.refresh();
    return null;
  }

  setText(text: string): void {
    this.text.set(text);
    this.search.schedule(text);
  }

  toggle(vmid: number): void {
    this.selected.update((set) => {
      const next = new Set(set);
      if (!next.delete(vmid)) next.add(vmid);
      return next;
    });
  }

  toggleAllVisible(): void {
    const select = !this.allVisibleSelected();
    this.selected.set(new Set(select ? this.visible().map((ct) => ct.vmid) : []));
  }

  clearSelection(): void {
    this.selected.set(new Set());
  }

  clearFilters(): void {
    this.setText('');
    this.statuses.set([]);
    this.tags.set([]);
    this.withoutBackup.set(false);
    this.cluster.selectNode('');
  }

  /** How many of the selection the action applies to; the rest are skipped, not failed. */
  eligible(action: PowerAction): ContainerSummaryDto[] {
    return this.selection().filter((ct) => canRun(action, ct));
  }
}
