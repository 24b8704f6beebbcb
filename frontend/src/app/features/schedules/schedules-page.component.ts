import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTooltipModule } from '@angular/material/tooltip';
import { firstValueFrom } from 'rxjs';
import { CreateScheduleDto, ScheduleDto } from '../../api/models';
import { AuthStore } from '../../core/auth/auth.store';
import { confirmByName } from '../../shared/confirm-name-dialog/confirm-name-dialog.component';
import { ErrorStateComponent } from '../../shared/states/error-state.component';
import { LoadingStateComponent } from '../../shared/states/loading-state.component';
import { SchedulesStore, lastRunText } from './schedules.store';

/** The actions the form offers: power actions and backups need no parameters. */
export const FORM_ACTIONS: readonly CreateScheduleDto['action'][] = [
  'stop',
  'start',
  'shutdown',
  'reboot',
  'backup',
];

@Component({
  selector: 'pc-schedules-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatTooltipModule,
    ErrorStateComponent,
    LoadingStateComponent,
  ],
  providers: [SchedulesStore],
  templateUrl: './schedules-page.component.html',
  styleUrl: './schedules-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class SchedulesPageComponent {
  protected readonly store = inject(SchedulesStore);
  protected readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly actions = FORM_ACTIONS;
  protected readonly lastRun = lastRunText;
  protected readonly form = this.fb.group({
    name: [''],
    action: this.fb.control<CreateScheduleDto['action']>('stop'),
    selector: [''],
    cron: ['0 20 * * 1-5'],
    timeZone: [Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'],
  });

  constructor() {
    void this.store.refresh();
  }

  protected async create(): Promise<void> {
    if (await this.store.create(this.form.getRawValue())) {
      this.form.patchValue({ name: '', selector: '' });
    }
  }

  protected async remove(s: ScheduleDto): Promise<void> {
    const sure = await firstValueFrom(
      confirmByName(this.dialog, {
        title: `Delete the schedule ${s.name}?`,
        name: s.name,
        action: 'Delete schedule',
        message: 'It will not run again. Its past runs stay in the plan history.',
      }),
    );
    if (sure) await this.store.remove(s.id);
  }
}
