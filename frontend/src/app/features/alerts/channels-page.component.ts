import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { toSignal } from '@angular/core/rxjs-interop';
import { firstValueFrom } from 'rxjs';
import { ChannelDto } from '../../api/models';
import { AuthStore } from '../../core/auth/auth.store';
import { roleHint } from '../../core/auth/roles';
import { confirmByName } from '../../shared/confirm-name-dialog/confirm-name-dialog.component';
import { AlertsHeaderComponent } from './alerts-header.component';
import { AlertsLoadStateComponent } from './alerts-load-state.component';
import {
  CHANNEL_TYPES,
  ChannelFormValue,
  ChannelType,
  channelBody,
  channelTarget,
  fieldsOf,
} from './channel-form';
import { ChannelsStore } from './channels.store';

@Component({
  selector: 'pc-channels-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    AlertsHeaderComponent,
    AlertsLoadStateComponent,
  ],
  providers: [ChannelsStore],
  templateUrl: './channels-page.component.html',
  styleUrl: './alerts-forms.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class ChannelsPageComponent {
  protected readonly store = inject(ChannelsStore);
  private readonly dialog = inject(MatDialog);
  private readonly auth = inject(AuthStore);
  protected readonly adminHint = computed(() => roleHint(this.auth.role(), 'admin'));
  protected readonly types = CHANNEL_TYPES;
  protected readonly target = channelTarget;
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    type: this.fb.control<ChannelType>('webhook'),
    name: [''],
    url: [''],
    format: this.fb.control<ChannelFormValue['format']>('json'),
    secret: [''],
    server: ['https://ntfy.sh'],
    topic: [''],
    token: [''],
    host: [''],
    port: ['587'],
    security: this.fb.control<ChannelFormValue['security']>('starttls'),
    from: [''],
    to: [''],
    username: [''],
    password: [''],
    capPerHour: ['20'],
    quietHours: [''],
  });
  private readonly type = toSignal(this.form.controls.type.valueChanges, {
    initialValue: this.form.controls.type.value,
  });
  protected readonly shown = computed(() => new Set<string>(fieldsOf(this.type())));
  protected readonly nameProblem = signal(false);

  constructor() {
    void this.store.refresh();
  }

  protected async create(): Promise<void> {
    const value = this.form.getRawValue();
    this.nameProblem.set(!value.name.trim());
    if (this.nameProblem()) return;
    if (await this.store.create(channelBody(value))) {
      this.form.reset({ type: value.type });
    }
  }

  protected async remove(c: ChannelDto): Promise<void> {
    const sure = await firstValueFrom(
      confirmByName(this.dialog, {
        title: `Delete channel ${c.name}?`,
        name: c.name,
        action: 'Delete',
        message:
          'A channel that rules send to is not deleted: you will be told which rules use it, ' +
          'to point them at another channel first.',
      }),
    );
    if (sure) await this.store.remove(c.id);
  }
}
