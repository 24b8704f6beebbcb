import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { of, throwError } from 'rxjs';
import { UserDto } from '../../api/models';
import { AuthService, UsersService } from '../../api/services';
import { UsersStore } from './users.store';

const user = (id: number, username: string, role: UserDto['role'] = 'viewer'): UserDto => ({
  id,
  username,
  role,
  createdAt: '2026-11-26T05:00:00Z',
});

function setup(
  api: Partial<Record<keyof UsersService, unknown>>,
  auth: Partial<Record<keyof AuthService, unknown>> = {},
): UsersStore {
  TestBed.configureTestingModule({
    providers: [
      UsersStore,
      { provide: UsersService, useValue: api },
      { provide: AuthService, useValue: auth },
    ],
  });
  return TestBed.inject(UsersStore);
}

describe('UsersStore', () => {
  it('lists users by name', async () => {
    const store = setup({ listUsers: () => of([user(2, 'zoe'), user(1, 'alice')]) });
    await store.refresh();
    expect(store.users().map((u) => u.username)).toEqual(['alice', 'zoe']);
  });

  it('adds a created user, replaces an updated one and drops a deleted one', async () => {
    const store = setup({
      listUsers: () => of([user(1, 'alice')]),
      createUser: vi.fn(() => of(user(2, 'bob', 'operator'))),
      updateUser: vi.fn(() => of(user(1, 'alice', 'admin'))),
      deleteUser: vi.fn(() => of(undefined)),
    });
    await store.refresh();
    expect(
      await store.create({ username: 'bob', password: 'long-password', role: 'operator' }),
    ).toBe(true);
    await store.update(1, { role: 'admin' });
    expect(store.users().map((u) => `${u.username}:${u.role}`)).toEqual([
      'alice:admin',
      'bob:operator',
    ]);
    await store.remove(2);
    expect(store.users().map((u) => u.username)).toEqual(['alice']);
  });

  it("keeps the list and shows the server's message when an action fails", async () => {
    const conflict = new HttpErrorResponse({
      status: 409,
      error: { message: 'The user alice already exists' },
    });
    const store = setup({
      listUsers: () => of([user(1, 'alice')]),
      createUser: () => throwError(() => conflict),
    });
    await store.refresh();
    expect(
      await store.create({ username: 'alice', password: 'long-password', role: 'viewer' }),
    ).toBe(false);
    expect(store.actionError()).toBe('The user alice already exists');
    expect(store.users()).toHaveLength(1);
    expect(store.busy()).toBe(false);
  });

  it('shows who has two-factor sign-in, requires it and resets an account', async () => {
    const setTotpPolicy = vi.fn(() => of({ required: true, enabledUserIds: [2] }));
    const resetTotp = vi.fn(() => of(undefined));
    let enabled = [2];
    const store = setup(
      { listUsers: () => of([user(1, 'alice'), user(2, 'bob')]) },
      {
        listTotpAccounts: () => of({ required: false, enabledUserIds: enabled }),
        setTotpPolicy,
        resetTotp,
      },
    );
    await store.refresh();
    expect(store.totpEnabled(2)).toBe(true);
    expect(store.totpEnabled(1)).toBe(false);
    expect(await store.setTotpRequired(true)).toBe(true);
    expect(setTotpPolicy).toHaveBeenCalledWith({ body: { required: true } });
    expect(store.totp()?.required).toBe(true);
    enabled = [];
    expect(await store.resetTotp(2)).toBe(true);
    expect(resetTotp).toHaveBeenCalledWith({ body: { userId: 2 } });
    expect(store.totpEnabled(2)).toBe(false);
  });
});
