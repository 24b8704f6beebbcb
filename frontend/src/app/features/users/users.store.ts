import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { CreateUserDto, TotpAccountsDto, UpdateUserDto, UserDto } from '../../api/models';
import { AuthService, UsersService } from '../../api/services';
import { runAction } from '../../core/store/run-action';
import { RemoteResource } from '../../core/store/remote-resource';

/** Console accounts (admin only): list, create, change role or password, delete. */
@Injectable()
export class UsersStore {
  private readonly api = inject(UsersService);
  private readonly auth = inject(AuthService);
  private readonly resource = new RemoteResource<UserDto[]>();
  /** Who has two-factor sign-in, and whether it is required; null until loaded. */
  readonly totp = signal<TotpAccountsDto | null>(null);

  readonly users = computed(() =>
    [...(this.resource.value() ?? [])].sort((a, b) => a.username.localeCompare(b.username)),
  );
  readonly loading = this.resource.initialLoading;
  readonly error = this.resource.error;
  /** The last failed action's message, shown above the table until the next action. */
  readonly actionError = signal<string | null>(null);
  readonly busy = signal(false);

  async refresh(): Promise<boolean> {
    const [loaded] = await Promise.all([
      this.resource.load(() => this.api.listUsers()),
      this.loadTotp(),
    ]);
    return loaded;
  }

  totpEnabled(id: number): boolean {
    return this.totp()?.enabledUserIds.includes(id) ?? false;
  }

  setTotpRequired(required: boolean): Promise<boolean> {
    return this.run(async () => {
      this.totp.set(await firstValueFrom(this.auth.setTotpPolicy({ body: { required } })));
    });
  }

  resetTotp(userId: number): Promise<boolean> {
    return this.run(async () => {
      await firstValueFrom(this.auth.resetTotp({ body: { userId } }));
      await this.loadTotp();
    });
  }

  private async loadTotp(): Promise<void> {
    try {
      this.totp.set(await firstValueFrom(this.auth.listTotpAccounts()));
    } catch {
      this.totp.set(null);
    }
  }

  create(body: CreateUserDto): Promise<boolean> {
    return this.run(async () => {
      const user = await firstValueFrom(this.api.createUser({ body }));
      this.resource.update((list) => [...list, user]);
    });
  }

  update(id: number, body: UpdateUserDto): Promise<boolean> {
    return this.run(async () => {
      const user = await firstValueFrom(this.api.updateUser({ id, body }));
      this.resource.update((list) => list.map((u) => (u.id === id ? user : u)));
    });
  }

  remove(id: number): Promise<boolean> {
    return this.run(async () => {
      await firstValueFrom(this.api.deleteUser({ id }));
      this.resource.update((list) => list.filter((u) => u.id !== id));
    });
  }

  private run(action: () => Promise<void>): Promise<boolean> {
    return runAction(this.busy, this.actionError, action);
  }
}
