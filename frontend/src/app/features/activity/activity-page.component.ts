import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { StatusChipComponent } from '../../shared/status-chip/status-chip.component';
import { EmptyStateComponent } from '../../shared/states/empty-state.component';
import { ErrorStateComponent } from '../../shared/states/error-state.component';
import { LoadingStateComponent } from '../../shared/states/loading-state.component';
import {
  ACTIVITY_ACTIONS,
  ActivityFilters,
  ActivityResult,
  NO_FILTERS,
  TimeRange,
  pageLabel,
} from './activity-query';
import { ActivityStore } from './activity.store';
import { saveTextFile } from './save-file';

@Component({
  selector: 'pc-activity-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    StatusChipComponent,
    EmptyStateComponent,
    ErrorStateComponent,
    LoadingStateComponent,
  ],
  providers: [ActivityStore],
  templateUrl: './activity-page.component.html',
  styleUrl: './activity-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class ActivityPageComponent {
  protected readonly store = inject(ActivityStore);
  protected readonly actions = ACTIVITY_ACTIONS;
  protected readonly results: ActivityResult[] = ['ok', 'error', 'locked', 'started'];
  protected readonly ranges: { value: TimeRange; label: string }[] = [
    { value: 'any', label: 'Any time' },
    { value: '1h', label: 'Last hour' },
    { value: '24h', label: 'Last 24 hours' },
    { value: '7d', label: 'Last 7 days' },
    { value: '30d', label: 'Last 30 days' },
    { value: 'custom', label: 'Custom…' },
  ];
  protected readonly form = inject(NonNullableFormBuilder).group<ActivityFilters>(NO_FILTERS);
  protected readonly pageLabel = pageLabel;

  constructor() {
    void this.store.refresh();
    void this.store.loadNames();
  }

  protected apply(): void {
    void this.store.apply(this.form.getRawValue());
  }

  protected clear(): void {
    this.form.reset();
    this.apply();
  }

  protected async exportCsv(): Promise<void> {
    const file = await this.store.exportCsv();
    if (file) saveTextFile(file.text, file.fileName, 'text/csv');
  }

  protected chipStatus(result: string): string {
    return result === 'started' ? 'pending' : result;
  }
}
