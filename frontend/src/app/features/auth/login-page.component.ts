import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { OidcStatusDto } from '../../api/models';
import { safeReturnUrl } from '../../core/auth/auth.guards';
import { AuthStore } from '../../core/auth/auth.store';
import { apiErrorReason, describeApiError } from '../../core/http/api-error';

@Component({
  selector: 'pc-login-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    RouterLink,
  ],
  template: `
    <section class="card" aria-labelledby="login-title">
      <h1 class="brand" id="login-title">
        <mat-icon aria-hidden="true">cloud</mat-icon>Sign in to ProxiCloud
      </h1>
      <p class="lead">Use the account an administrator created for you.</p>
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
      <form [formGroup]="form" (ngSubmit)="submit()">
        <mat-form-field appearance="outline" hideRequiredMarker>
          <mat-label>Username</mat-label>
          <input matInput formControlName="username" autocomplete="username" required />
        </mat-form-field>
        <mat-form-field appearance="outline" hideRequiredMarker>
          <mat-label>Password</mat-label>
          <input
            matInput
            type="password"
            formControlName="password"
            autocomplete="current-password"
            required
          />
        </mat-form-field>
        @if (codeStep()) {
          <mat-form-field appearance="outline" hideRequiredMarker>
            <mat-label>Two-factor code</mat-label>
            <input
              matInput
              formControlName="code"
              autocomplete="one-time-code"
              inputmode="numeric"
              required
            />
            <mat-hint>The six digits of your authenticator app, or a recovery code</mat-hint>
          </mat-form-field>
        }
        <button mat-flat-button class="submit" type="submit" [disabled]="busy()">
          {{ busy() ? 'Signing in…' : 'Sign in' }}
        </button>
      </form>
      @if (oidc(); as sso) {
        @if (sso.enabled) {
          <a mat-stroked-button class="submit sso" href="/api/auth/oidc/login">
            <mat-icon>badge</mat-icon>{{ sso.buttonLabel }}
          </a>
          @if (!sso.localLogin) {
            <p class="aside">Password sign-in is kept for the break-glass admin account.</p>
          }
        }
      }
      @if (setupRequired()) {
        <p class="aside">
          First start? <a routerLink="/setup">Create the first admin with the setup code</a>.
        </p>
      }
    </section>
  `,
  styleUrl: './auth-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class LoginPageComponent {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  /** Where the user was sent away from (query parameter), to return after signing in. */
  readonly returnUrl = input<string>();
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly setupRequired = signal(false);
  protected readonly oidc = signal<OidcStatusDto | null>(null);
  /** The account has two-factor sign-in: the password was right, a code is asked next. */
  protected readonly codeStep = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', Validators.required],
    password: ['', Validators.required],
    code: [''],
  });

  constructor() {
    void this.auth.setupRequired().then((required) => this.setupRequired.set(required));
    void this.auth.oidcStatus().then((status) => this.oidc.set(status));
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.error.set('Enter your username and password.');
      return;
    }
    const { username, password, code } = this.form.getRawValue();
    if (this.codeStep() && !code.trim()) {
      this.error.set('Enter the code from your authenticator app.');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.auth.login(
        this.codeStep() ? { username, password, code } : { username, password },
      );
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (err) {
      this.error.set(describeApiError(err));
      const reason = apiErrorReason(err);
      if (reason === 'totp-required' || reason === 'totp-wrong') {
        this.codeStep.set(true);
        this.form.controls.code.reset();
      } else {
        this.codeStep.set(false);
        this.form.controls.password.reset();
      }
    } finally {
      this.busy.set(false);
    }
  }
}
