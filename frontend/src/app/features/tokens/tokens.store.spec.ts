import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { of, throwError } from 'rxjs';
import { ApiTokenDto } from '../../api/models';
import { AuthService } from '../../api/services';
import { TokensStore, sortTokens } from './tokens.store';

const token = (id: number, overrides: Partial<ApiTokenDto> = {}): ApiTokenDto => ({
  id,
  name: `ci-${id}`,
  role: 'operator',
  createdBy: 'root',
  createdAt: `2026-11-2${id}T05:00:00Z`,
  ...overrides,
});

function setup(api: Partial<Record<keyof AuthService, unknown>>): TokensStore {
  TestBed.configureTestingModule({
    providers: [TokensStore, { provide: AuthService, useValue: api }],
  });
  return TestBed.inject(TokensStore);
}

describe('sortTokens', () => {
  it('puts active tokens first, newest first', () => {
    const sorted = sortTokens([
      token(1),
      token(3, { revokedAt: '2026-11-25T00:00:00Z' }),
      token(2),
    ]);
    expect(sorted.map((t) => t.id)).toEqual([2, 1, 3]);
  });
});

describe('TokensStore', () => {
  it('reveals the secret of a new token once and lists it without the secret', async () => {
    const created = { ...token(4), token: 'pc_secret' };
    const store = setup({
      listApiTokens: () => of([token(1)]),
      createApiToken: vi.fn(() => of(created)),
    });
    await store.refresh();
    await store.create({ name: 'ci-4', role: 'operator' });
    expect(store.revealed()?.token).toBe('pc_secret');
    expect(store.tokens()[0]).not.toHaveProperty('token');
    store.dismissSecret();
    expect(store.revealed()).toBeNull();
  });

  it('marks a revoked token from the answer of the server', async () => {
    const store = setup({
      listApiTokens: () => of([token(1)]),
      revokeApiToken: vi.fn(() => of(token(1, { revokedAt: '2026-11-26T05:10:00Z' }))),
    });
    await store.refresh();
    await store.revoke(1);
    expect(store.tokens()[0].revokedAt).toBe('2026-11-26T05:10:00Z');
  });

  it("shows the server's message when creating fails", async () => {
    const store = setup({
      listApiTokens: () => of([]),
      createApiToken: () =>
        throwError(
          () => new HttpErrorResponse({ status: 409, error: { message: 'The name is taken' } }),
        ),
    });
    expect(await store.create({ name: 'x', role: 'viewer' })).toBe(false);
    expect(store.actionError()).toBe('The name is taken');
    expect(store.revealed()).toBeNull();
  });
});
