import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { ApiTokenDto, CreateApiTokenDto, CreatedApiTokenDto } from '../../api/models';
import { AuthService } from '../../api/services';
import { runAction } from '../../core/store/run-action';
import { RemoteResource } from '../../core/store/remote-resource';

/** Active tokens first (newest first), revoked ones after them. */
export function sortTokens(tokens: readonly ApiTokenDto[]): ApiTokenDto[] {
  return [...tokens].sort(
    (a, b) =>
      Number(!!a.revokedAt) - Number(!!b.revokedAt) || b.createdAt.localeCompare(a.createdAt),
  );
}

/** A created token without its secret, as the list shows it. */
function withoutSecret(created: CreatedApiTokenDto): ApiTokenDto {
  const { token: _secret, ...rest } = created;
  return rest;
}

/** API tokens for scripts (admin only). The secret exists in this store only until dismissed. */
@Injectable()
export class TokensStore {
  private readonly api = inject(AuthService);
  private readonly resource = new RemoteResource<ApiTokenDto[]>();

  readonly tokens = computed(() => sortTokens(this.resource.value() ?? []));
  readonly loading = this.resource.initialLoading;
  readonly error = this.resource.error;
  readonly actionError = signal<string | null>(null);
  readonly busy = signal(false);
  /** The secret of the token just created: the server never shows it again. */
  readonly revealed = signal<CreatedApiTokenDto | null>(null);

  refresh(): Promise<boolean> {
    return this.resource.load(() => this.api.listApiTokens());
  }

  create(body: CreateApiTokenDto): Promise<boolean> {
    return this.run(async () => {
      const created = await firstValueFrom(this.api.createApiToken({ body }));
      this.revealed.set(created);
      this.resource.update((list) => [...list, withoutSecret(created)]);
    });
  }

  revoke(id: number): Promise<boolean> {
    return this.run(async () => {
      const revoked = await firstValueFrom(this.api.revokeApiToken({ id }));
      this.resource.update((list) => list.map((t) => (t.id === id ? revoked : t)));
    });
  }

  dismissSecret(): void {
    this.revealed.set(null);
  }

  private run(action: () => Promise<void>): Promise<boolean> {
    return runAction(this.busy, this.actionError, action);
  }
}
