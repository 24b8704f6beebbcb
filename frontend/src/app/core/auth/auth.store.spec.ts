import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { of, throwError } from 'rxjs';
import { MeDto } from '../../api/models';
import { AuthService } from '../../api/services';
import { AuthStore } from './auth.store';

const alice: MeDto = { username: 'alice', role: 'operator', kind: 'session', csrfToken: 'csrf-1' };
const unauthorized = () => throwError(() => new HttpErrorResponse({ status: 401 }));

function setup(api: Partial<Record<keyof AuthService, unknown>>): AuthStore {
  TestBed.configureTestingModule({ providers: [{ provide: AuthService, useValue: api }] });
  return TestBed.inject(AuthStore);
}

describe('AuthStore', () => {
  it('is signed in with role and CSRF token when /me answers', async () => {
    const store = setup({ getMe: vi.fn(() => of(alice)) });
    expect(await store.ensureLoaded()).toBe('signed-in');
    expect(store.username()).toBe('alice');
    expect(store.role()).toBe('operator');
    expect(store.csrfToken()).toBe('csrf-1');
    expect(store.isOperator()).toBe(true);
    expect(store.isAdmin()).toBe(false);
  });

  it('is anonymous when /me answers 401', async () => {
    const store = setup({ getMe: vi.fn(unauthorized) });
    expect(await store.ensureLoaded()).toBe('anonymous');
    expect(store.signedIn()).toBe(false);
    expect(store.can('viewer')).toBe(false);
  });

  it('asks the server only once for concurrent callers', async () => {
    const getMe = vi.fn(() => of(alice));
    const store = setup({ getMe });
    await Promise.all([store.ensureLoaded(), store.ensureLoaded()]);
    await store.ensureLoaded();
    expect(getMe).toHaveBeenCalledTimes(1);
  });

  it('signs in with the answer of login, without asking /me again', async () => {
    const getMe = vi.fn(unauthorized);
    const login = vi.fn(() => of({ ...alice, role: 'admin' }));
    const store = setup({ getMe, login });
    await store.login({ username: 'alice', password: 'pw' });
    expect(login).toHaveBeenCalledWith({ body: { username: 'alice', password: 'pw' } });
    expect(store.isAdmin()).toBe(true);
    expect(await store.ensureLoaded()).toBe('signed-in');
    expect(getMe).not.toHaveBeenCalled();
  });

  it('stays anonymous when login fails', async () => {
    const store = setup({ login: vi.fn(unauthorized) });
    await expect(store.login({ username: 'a', password: 'b' })).rejects.toBeInstanceOf(
      HttpErrorResponse,
    );
    expect(store.signedIn()).toBe(false);
  });

  it('takes the renewed CSRF token after a password change', async () => {
    const store = setup({
      login: vi.fn(() => of(alice)),
      changePassword: vi.fn(() => of({ ...alice, csrfToken: 'csrf-2' })),
    });
    await store.login({ username: 'alice', password: 'old' });
    await store.changePassword({ currentPassword: 'old', newPassword: 'new-password' });
    expect(store.csrfToken()).toBe('csrf-2');
  });

  it('signs in after completing the setup', async () => {
    const completeSetup = vi.fn(() => of({ ...alice, role: 'admin' }));
    const store = setup({ completeSetup });
    await store.completeSetup({ code: 'abc', username: 'root', password: 'long-password' });
    expect(store.isAdmin()).toBe(true);
  });

  it('signs out locally even when the server call fails', async () => {
    const store = setup({ login: vi.fn(() => of(alice)), logout: vi.fn(unauthorized) });
    await store.login({ username: 'alice', password: 'pw' });
    await store.logout();
    expect(store.status()).toBe('anonymous');
    expect(store.csrfToken()).toBeNull();
  });
});

describe('AuthStore.setupRequired', () => {
  it('reports whether the first admin still has to be created', async () => {
    const store = setup({ getSetupStatus: vi.fn(() => of({ required: true })) });
    expect(await store.setupRequired()).toBe(true);
  });
  it('counts a failed check as not required', async () => {
    const store = setup({ getSetupStatus: vi.fn(unauthorized) });
    expect(await store.setupRequired()).toBe(false);
  });
});
