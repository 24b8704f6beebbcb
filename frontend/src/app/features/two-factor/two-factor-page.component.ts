import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { AuthStore } from '../../core/auth/auth.store';
import { qrCodeDataUrl } from './qr-code';
import { TwoFactorStore } from './two-factor.store';

@Component({
  selector: 'pc-two-factor-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
  ],
  providers: [TwoFactorStore],
  template: `
    <div class="pc-page">
      <header class="pc-page-header"><h1>Two-factor sign-in</h1></header>
      @if (auth.user()?.totpSetupRequired) {
        <p class="notice" role="status">
          Your admin requires two-factor sign-in. Set it up to use the console.
        </p>
      }
      @if (store.error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
      @if (store.recoveryCodes().length) {
        <section aria-labelledby="codes-title">
          <h2 id="codes-title">Your recovery codes</h2>
          <p>
            Each signs in once without your phone. Store them somewhere safe: they are not shown
            again.
          </p>
          <ul class="codes">
            @for (code of store.recoveryCodes(); track code) {
              <li>
                <code>{{ code }}</code>
              </li>
            }
          </ul>
        </section>
      }
      @if (store.status(); as status) {
        @if (status.enabled) {
          <p>
            Two-factor sign-in is <strong>on</strong>: {{ status.recoveryCodesLeft }} recovery codes
            left.
          </p>
          <form class="form" [formGroup]="offForm" (ngSubmit)="turnOff()">
            <h2>Turn it off</h2>
            <mat-form-field appearance="outline">
              <mat-label>Password</mat-label>
              <input
                matInput
                type="password"
                formControlName="password"
                autocomplete="current-password"
              />
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Code</mat-label>
              <input matInput formControlName="code" autocomplete="one-time-code" />
              <mat-hint>Six digits of your app, or a recovery code</mat-hint>
            </mat-form-field>
            <button mat-stroked-button type="submit" [disabled]="store.busy() || offForm.invalid">
              Turn off two-factor sign-in
            </button>
          </form>
        } @else if (store.pairing(); as pairing) {
          <section class="pairing" aria-labelledby="pair-title">
            <h2 id="pair-title">Scan this code with your authenticator app</h2>
            @if (qr(); as src) {
              <img class="qr" [src]="src" width="220" height="220" alt="QR code of the secret" />
            }
            <p>
              Or type the secret: <code class="secret">{{ pairing.secret }}</code>
            </p>
            <form class="form" [formGroup]="codeForm" (ngSubmit)="confirm()">
              <mat-form-field appearance="outline">
                <mat-label>Code from the app</mat-label>
                <input
                  matInput
                  formControlName="code"
                  autocomplete="one-time-code"
                  inputmode="numeric"
                />
              </mat-form-field>
              <button mat-flat-button type="submit" [disabled]="store.busy() || codeForm.invalid">
                Turn on
              </button>
            </form>
          </section>
        } @else {
          <p>
            Two-factor sign-in is <strong>off</strong>. With it on, signing in also needs the code
            of an authenticator app (Aegis, Google Authenticator, 1Password, ...).
          </p>
          <button
            mat-flat-button
            type="button"
            [disabled]="store.busy()"
            (click)="store.startPairing()"
          >
            <mat-icon>phonelink_lock</mat-icon>Set up two-factor sign-in
          </button>
        }
      }
    </div>
  `,
  styles: `
    .codes {
      columns: 2;
      max-width: 24rem;
    }
    .qr {
      display: block;
      background: var(--mat-sys-surface-bright);
      border-radius: 8px;
    }
    .secret {
      word-break: break-all;
    }
    .form {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      max-width: 22rem;
    }
    .error {
      color: var(--mat-sys-error);
    }
    .notice {
      color: var(--mat-sys-tertiary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class TwoFactorPageComponent {
  protected readonly store = inject(TwoFactorStore);
  protected readonly auth = inject(AuthStore);
  protected readonly qr = signal<string | null>(null);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly codeForm = this.fb.group({ code: ['', Validators.required] });
  protected readonly offForm = this.fb.group({
    password: ['', Validators.required],
    code: ['', Validators.required],
  });

  constructor() {
    void this.store.refresh();
    effect(() => {
      const pairing = this.store.pairing();
      this.qr.set(null);
      if (pairing) void qrCodeDataUrl(pairing.otpauthUrl).then((src) => this.qr.set(src));
    });
  }

  protected async confirm(): Promise<void> {
    if (await this.store.enable(this.codeForm.getRawValue().code.trim())) this.codeForm.reset();
  }

  protected async turnOff(): Promise<void> {
    const { password, code } = this.offForm.getRawValue();
    if (await this.store.disable(password, code.trim())) this.offForm.reset();
  }
}
