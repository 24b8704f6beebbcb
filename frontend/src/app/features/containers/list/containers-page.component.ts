import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { ContainerSummaryDto } from '../../../api/models';
import { ClusterStore } from '../../../core/cluster/cluster.store';
import { Clock } from '../../../core/clock';
import { ActionAccess } from '../../../core/auth/action-access';
import { TagEditorComponent } from '../../../shared/tag-editor/tag-editor.component';
import { ConnectionStore } from '../../../core/connection/connection.store';
import { LayoutStore } from '../../../core/layout/layout.store';
import { BytesPipe, DurationPipe, RatioPercentPipe } from '../../../shared/format/format.pipes';
import { StaleBadgeComponent } from '../../../shared/stale-badge/stale-badge.component';
import { EmptyStateComponent } from '../../../shared/states/empty-state.component';
import { ErrorStateComponent } from '../../../shared/states/error-state.component';
import { LoadingStateComponent } from '../../../shared/states/loading-state.component';
import { StatusChipComponent } from '../../../shared/status-chip/status-chip.component';
import { ActionPermissionsStore } from '../action-permissions.store';
import { BulkActionRunner } from '../bulk-actions';
import { AddressView, PROTECTED_TIP, addressView } from '../container-address';
import { POWER_ACTIONS, PowerAction, SortKey } from '../container-list';
import { CONTAINERS_STALE_MS, ContainersStore } from '../containers.store';
import { selectorCompletions } from '../selector-search';
import { BulkResultsComponent } from './bulk-results.component';
import { PlanReviewComponent } from './plan-review.component';

const WIDE_COLUMNS = [
  'select',
  'status',
  'vmid',
  'name',
  'node',
  'ipv4',
  'cpu',
  'mem',
  'disk',
  'uptime',
  'backup',
  'tags',
];
const PHONE_COLUMNS = ['select', 'name', 'status'];

export const ACTION_LABELS: Record<PowerAction, string> = {
  start: 'Start',
  shutdown: 'Shut down',
  stop: 'Stop',
  reboot: 'Reboot',
};

@Component({
  selector: 'pc-containers-page',
  imports: [
    MatTableModule,
    MatSortModule,
    MatAutocompleteModule,
    MatCheckboxModule,
    MatButtonModule,
    MatIconModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTooltipModule,
    MatProgressBarModule,
    RouterLink,
    StatusChipComponent,
    StaleBadgeComponent,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
    BulkResultsComponent,
    PlanReviewComponent,
    BytesPipe,
    RatioPercentPipe,
    DurationPipe,
    TagEditorComponent,
  ],
  providers: [ContainersStore, BulkActionRunner],
  templateUrl: './containers-page.component.html',
  styleUrl: './containers-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class ContainersPageComponent {
  protected readonly store = inject(ContainersStore);
  protected readonly bulk = inject(BulkActionRunner);
  protected readonly cluster = inject(ClusterStore);
  protected readonly connection = inject(ConnectionStore);
  protected readonly access = inject(ActionAccess);
  private readonly permissions = inject(ActionPermissionsStore);
  private readonly layout = inject(LayoutStore);
  private readonly clock = inject(Clock);

  /** `?q=` from the global search in the top bar. */
  readonly q = input<string>();
  /** `?status=running` from the dashboard's status counts. */
  readonly status = input<string>();

  protected readonly actions = POWER_ACTIONS;
  protected readonly labels = ACTION_LABELS;
  protected readonly staleAfter = CONTAINERS_STALE_MS;
  protected readonly statusOptions = ['running', 'stopped', 'paused', 'unknown'];
  protected readonly protectedTip = PROTECTED_TIP;
  protected readonly trackVmid = (_: number, ct: ContainerSummaryDto): number => ct.vmid;
  protected readonly completions = computed(() =>
    selectorCompletions(this.store.text(), {
      tags: this.store.allTags(),
      nodes: this.cluster.nodes().map((n) => n.node),
      pools: this.store.allPools(),
    }),
  );
  protected readonly columns = computed(() =>
    this.layout.isPhone() ? PHONE_COLUMNS : WIDE_COLUMNS,
  );

  constructor() {
    this.cluster.connect();
    inject(DestroyRef).onDestroy(this.store.connect());
    effect(() => {
      const q = this.q() ?? '';
      untracked(() => this.store.setText(q));
    });
    effect(() => {
      const status = this.status();
      untracked(() => this.store.statuses.set(status ? [status] : []));
    });
  }

  protected sortBy(sort: Sort): void {
    const key = (sort.direction ? sort.active : 'vmid') as SortKey;
    this.store.sort.set({ key, direction: sort.direction || 'asc' });
  }

  protected readonly tagErrors = signal<Record<number, string>>({});

  protected tagsBlocked(ct: ContainerSummaryDto): string {
    if (!this.connection.writable()) return 'Proxmox cannot be reached: changes are disabled';
    if (ct.lock) return `Locked (${ct.lock}) by a running task`;
    return this.access.reason('configure') || this.permissions.reason(ct.vmid, 'tag');
  }

  protected async saveTags(vmid: number, tags: string[]): Promise<void> {
    const error = await this.store.saveTags(vmid, tags);
    this.tagErrors.update((all) => {
      const { [vmid]: _old, ...rest } = all;
      return error ? { ...rest, [vmid]: error } : rest;
    });
  }

  /** The selected containers that can take the action and that the token and role allow it on. */
  protected permitted(action: PowerAction): ContainerSummaryDto[] {
    return this.store.eligible(action).filter((ct) => !this.permissions.reason(ct.vmid, action));
  }

  /** "2 of 3 can stop; not allowed: CT 103 (The Proxmox token lacks VM.PowerMgmt on /vms/103)" */
  protected bulkTip(action: PowerAction): string {
    const eligible = this.store.eligible(action);
    const denied = eligible
      .map((ct) => ({ vmid: ct.vmid, reason: this.permissions.reason(ct.vmid, action) }))
      .filter((d) => d.reason);
    const verb = this.labels[action].toLowerCase();
    const head = `${eligible.length - denied.length} of ${this.store.selection().length} can ${verb}`;
    if (!denied.length) return head;
    const shown = denied.slice(0, 3).map((d) => `CT ${d.vmid} (${d.reason})`);
    const more = denied.length > 3 ? ` and ${denied.length - 3} more` : '';
    return `${head}; not allowed: ${shown.join(', ')}${more}`;
  }

  protected async runBulk(action: PowerAction): Promise<void> {
    const targets = this.store.eligible(action).map(({ vmid, name }) => ({ vmid, name }));
    if (!targets.length) return;
    await this.bulk.review(action, targets);
  }

  protected async executeBulk(): Promise<void> {
    await this.bulk.execute();
    await this.store.refresh();
  }

  /** The IPv4 cell: address (running CTs), how old its reading is, old when past due or offline. */
  protected address(ct: ContainerSummaryDto): AddressView {
    return addressView(ct, this.clock.now(), this.store.stale());
  }

  /** "2.5 d" for the last backup's age, "none" without one. */
  protected backupAge(vmid: number): string {
    const f = this.store.backups.byVmid().get(vmid);
    if (!f) return '—';
    return f.ageDays === null ? 'none' : `${f.ageDays} d`;
  }

  protected backupStale(vmid: number): boolean {
    return this.store.backups.staleVmids().has(vmid);
  }

  protected textOf(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }
}
