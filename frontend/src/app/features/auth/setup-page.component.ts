import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { AuthStore } from '../../core/auth/auth.store';
import { describeApiError } from '../../core/http/api-error';
import {
  MIN_PASSWORD_LENGTH,
  passwordProblem,
  usernameProblem,
} from '../../core/auth/password-rules';

@Component({
  selector: 'pc-setup-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    RouterLink,
  ],
  template: `
    <section class="card" aria-labelledby="setup-title">
      <h1 class="brand" id="setup-title">
        <mat-icon aria-hidden="true">cloud</mat-icon>Set up ProxiCloud
      </h1>
      @if (required() === false) {
        <p class="lead">Setup is done: an administrator already exists.</p>
        <a mat-flat-button routerLink="/login">Go to sign in</a>
      } @else {
        <p class="lead">
          Enter the one-time setup code from the console's log at first start, and choose the first
          administrator's name and password.
        </p>
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
        <form [formGroup]="form" (ngSubmit)="submit()">
          <mat-form-field appearance="outline">
            <mat-label>Setup code</mat-label>
            <input matInput formControlName="code" autocomplete="one-time-code" required />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Admin username</mat-label>
            <input matInput formControlName="username" autocomplete="username" required />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Password</mat-label>
            <input
              matInput
              type="password"
              formControlName="password"
              autocomplete="new-password"
              required
            />
            <mat-hint>At least {{ minLength }} characters</mat-hint>
          </mat-form-field>
          <button mat-flat-button class="submit" type="submit" [disabled]="busy()">
            Create admin and sign in
          </button>
        </form>
      }
    </section>
  `,
  styleUrl: './auth-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class SetupPageComponent {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  protected readonly minLength = MIN_PASSWORD_LENGTH;
  protected readonly required = signal<boolean | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', Validators.required],
    username: ['', Validators.required],
    password: ['', Validators.required],
  });

  constructor() {
    void this.auth.setupRequired().then((required) => this.required.set(required));
  }

  protected async submit(): Promise<void> {
    const value = this.form.getRawValue();
    const problem = this.form.invalid
      ? 'Fill in all three fields.'
      : (usernameProblem(value.username) ?? passwordProblem(value.password));
    if (problem) return void this.error.set(problem);
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.auth.completeSetup(value);
      await this.router.navigateByUrl('/dashboard');
    } catch (err) {
      this.error.set(describeApiError(err));
    } finally {
      this.busy.set(false);
    }
  }
}
