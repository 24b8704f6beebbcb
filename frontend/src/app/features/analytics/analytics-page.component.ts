import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject } from '@angular/core';
import { DatePipe } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTabsModule } from '@angular/material/tabs';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { formatSeriesValue, seriesLabel } from '../../shared/charts/series-format';
import { BytesPipe } from '../../shared/format/format.pipes';
import { EmptyStateComponent } from '../../shared/states/empty-state.component';
import { ErrorStateComponent } from '../../shared/states/error-state.component';
import { AnalyticsChartComponent } from './analytics-chart.component';
import { METRICS, RANGES, keysOf, resolutionLabel } from './analytics-query';
import { AnalyticsStore } from './analytics.store';

@Component({
  selector: 'pc-analytics-page',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTabsModule,
    MatTooltipModule,
    BytesPipe,
    EmptyStateComponent,
    ErrorStateComponent,
    AnalyticsChartComponent,
  ],
  providers: [AnalyticsStore],
  templateUrl: './analytics-page.component.html',
  styleUrl: './analytics-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class AnalyticsPageComponent {
  protected readonly store = inject(AnalyticsStore);
  protected readonly metrics = METRICS;
  protected readonly ranges = RANGES;
  protected readonly label = seriesLabel;
  protected readonly keys = computed(() => keysOf(this.store.metric()));
  protected readonly resolution = computed(() => resolutionLabel(this.store.first()));

  constructor() {
    inject(DestroyRef).onDestroy(this.store.connect());
  }

  protected format(value: number | null, unit: Parameters<typeof formatSeriesValue>[1] | null) {
    return unit ? formatSeriesValue(value, unit) : '—';
  }

  protected pickContainers(vmids: number[]): void {
    this.store.select(vmids, this.store.selectedNodes());
  }

  protected pickNodes(nodes: string[]): void {
    this.store.select(this.store.selectedVmids(), nodes);
  }
}
