import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { ClipboardModule } from '@angular/cdk/clipboard';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom } from 'rxjs';
import { ApiTokenDto } from '../../api/models';
import { ROLES, Role } from '../../core/auth/roles';
import { confirmByName } from '../../shared/confirm-name-dialog/confirm-name-dialog.component';
import { ErrorStateComponent } from '../../shared/states/error-state.component';
import { LoadingStateComponent } from '../../shared/states/loading-state.component';
import { TokensStore } from './tokens.store';

export const TOKEN_NAME = /^[A-Za-z0-9._-]{1,64}$/;
/** Expiry choices in days; 0: the token does not expire. */
export const EXPIRY_DAYS = [0, 30, 90, 365] as const;

@Component({
  selector: 'pc-tokens-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    ClipboardModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    ErrorStateComponent,
    LoadingStateComponent,
  ],
  providers: [TokensStore],
  templateUrl: './tokens-page.component.html',
  styleUrl: './tokens-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class TokensPageComponent {
  protected readonly store = inject(TokensStore);
  private readonly dialog = inject(MatDialog);
  protected readonly roles = ROLES;
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    name: [''],
    role: this.fb.control<Role>('viewer'),
    expiresInDays: this.fb.control<number>(90),
  });
  protected readonly expiryDays = EXPIRY_DAYS;
  protected readonly nameProblem = signal(false);

  constructor() {
    void this.store.refresh();
  }

  protected async create(): Promise<void> {
    const { expiresInDays, ...value } = this.form.getRawValue();
    this.nameProblem.set(!TOKEN_NAME.test(value.name));
    if (this.nameProblem()) return;
    const body = expiresInDays > 0 ? { ...value, expiresInDays } : value;
    if (await this.store.create(body)) this.form.reset();
  }

  protected async revoke(token: ApiTokenDto): Promise<void> {
    const sure = await firstValueFrom(
      confirmByName(this.dialog, {
        title: `Revoke ${token.name}?`,
        name: token.name,
        action: 'Revoke',
        message: 'Scripts using this token are refused from now on. This cannot be undone.',
      }),
    );
    if (sure) await this.store.revoke(token.id);
  }
}
