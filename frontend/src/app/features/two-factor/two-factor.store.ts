import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { TotpSetupDto, TotpStatusDto } from '../../api/models';
import { AuthService } from '../../api/services';
import { AuthStore } from '../../core/auth/auth.store';
import { describeApiError } from '../../core/http/api-error';

/** The signed-in account's two-factor sign-in: status, pairing, recovery codes, turning off. */
@Injectable()
export class TwoFactorStore {
  private readonly api = inject(AuthService);
  private readonly auth = inject(AuthStore);

  readonly status = signal<TotpStatusDto | null>(null);
  /** The secret being paired; shown until the first code confirms it. */
  readonly pairing = signal<TotpSetupDto | null>(null);
  /** The recovery codes, shown once right after enabling. */
  readonly recoveryCodes = signal<string[]>([]);
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);

  async refresh(): Promise<void> {
    await this.run(async () => this.status.set(await firstValueFrom(this.api.getTotpStatus())));
  }

  async startPairing(): Promise<void> {
    this.recoveryCodes.set([]);
    await this.run(async () => this.pairing.set(await firstValueFrom(this.api.setupTotp())));
  }

  async enable(code: string): Promise<boolean> {
    return this.run(async () => {
      const { recoveryCodes } = await firstValueFrom(this.api.enableTotp({ body: { code } }));
      this.pairing.set(null);
      this.recoveryCodes.set(recoveryCodes);
      this.status.set(await firstValueFrom(this.api.getTotpStatus()));
      await this.auth.reload();
    });
  }

  async disable(password: string, code: string): Promise<boolean> {
    return this.run(async () => {
      await firstValueFrom(this.api.disableTotp({ body: { password, code } }));
      this.recoveryCodes.set([]);
      this.status.set(await firstValueFrom(this.api.getTotpStatus()));
      await this.auth.reload();
    });
  }

  private async run(action: () => Promise<void>): Promise<boolean> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await action();
      return true;
    } catch (err) {
      this.error.set(describeApiError(err));
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
