import { ChangeDetectionStrategy, Component, DestroyRef, inject } from '@angular/core';
import { DatePipe } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { TaskTableComponent } from '../../core/tasks/task-table.component';
import { formatBytes } from '../../shared/format/format';
import { BytesPipe, RatioPercentPipe } from '../../shared/format/format.pipes';
import { StaleBadgeComponent } from '../../shared/stale-badge/stale-badge.component';
import { EmptyStateComponent } from '../../shared/states/empty-state.component';
import { ErrorStateComponent } from '../../shared/states/error-state.component';
import { LoadingStateComponent } from '../../shared/states/loading-state.component';
import { StatusChipComponent } from '../../shared/status-chip/status-chip.component';
import { UsageMeterComponent } from '../../shared/usage-meter/usage-meter.component';
import { UsageDto } from '../../api/models';
import { ActionAccess } from '../../core/auth/action-access';
import { ConnectionStore } from '../../core/connection/connection.store';
import { DASHBOARD_STALE_MS, DashboardStore } from './dashboard.store';
import { NodeSparklinesComponent } from './node-sparklines.component';

export function usageDetail(usage: UsageDto, unit: 'cores' | 'bytes'): string {
  if (unit === 'cores') return `${usage.used.toFixed(1)} of ${usage.total} cores`;
  return `${formatBytes(usage.used)} of ${formatBytes(usage.total)}`;
}

@Component({
  selector: 'pc-dashboard',
  imports: [
    DatePipe,
    MatButtonModule,
    MatIconModule,
    MatTooltipModule,
    RouterLink,
    TaskTableComponent,
    StaleBadgeComponent,
    StatusChipComponent,
    UsageMeterComponent,
    NodeSparklinesComponent,
    LoadingStateComponent,
    ErrorStateComponent,
    EmptyStateComponent,
    BytesPipe,
    RatioPercentPipe,
  ],
  providers: [DashboardStore],
  templateUrl: './dashboard.component.html',
  styleUrl: './dashboard.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class DashboardComponent {
  protected readonly store = inject(DashboardStore);
  private readonly router = inject(Router);
  protected readonly access = inject(ActionAccess);
  protected readonly connection = inject(ConnectionStore);
  protected readonly staleAfter = DASHBOARD_STALE_MS;
  protected readonly detail = usageDetail;

  constructor() {
    inject(DestroyRef).onDestroy(this.store.connect());
  }

  protected openTask(upid: string): void {
    void this.router.navigate(['/tasks'], { queryParams: { upid } });
  }
}
