import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import {
  ActivatedRouteSnapshot,
  CanActivateFn,
  Router,
  RouterStateSnapshot,
  UrlTree,
} from '@angular/router';
import { of, throwError } from 'rxjs';
import { MeDto } from '../../api/models';
import { AuthService } from '../../api/services';
import { adminGuard, safeReturnUrl, signedInGuard, signedOutGuard } from './auth.guards';

function run(guard: CanActivateFn, me: MeDto | null, url = '/users'): Promise<unknown> {
  const getMe = me ? () => of(me) : () => throwError(() => new HttpErrorResponse({ status: 401 }));
  TestBed.configureTestingModule({ providers: [{ provide: AuthService, useValue: { getMe } }] });
  return TestBed.runInInjectionContext(
    () => guard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot) as Promise<unknown>,
  );
}

const serialized = (tree: unknown) => TestBed.inject(Router).serializeUrl(tree as UrlTree);
const admin: MeDto = { username: 'root', role: 'admin', kind: 'session' };
const viewer: MeDto = { username: 'eve', role: 'viewer', kind: 'session' };

describe('signedInGuard', () => {
  it('lets a signed-in user through', async () => {
    expect(await run(signedInGuard, viewer)).toBe(true);
  });
  it('sends others to the login page with a return URL', async () => {
    expect(serialized(await run(signedInGuard, null, '/containers/101'))).toBe(
      '/login?returnUrl=%2Fcontainers%2F101',
    );
  });
});

describe('adminGuard', () => {
  it('lets admins through', async () => {
    expect(await run(adminGuard, admin)).toBe(true);
  });
  it('sends lower roles to the dashboard', async () => {
    expect(serialized(await run(adminGuard, viewer))).toBe('/dashboard');
  });
  it('sends anonymous callers to the login page', async () => {
    expect(serialized(await run(adminGuard, null))).toBe('/login?returnUrl=%2Fusers');
  });
});

describe('signedOutGuard', () => {
  it('skips the login page for someone signed in', async () => {
    expect(serialized(await run(signedOutGuard, viewer))).toBe('/dashboard');
    TestBed.resetTestingModule();
    expect(await run(signedOutGuard, null)).toBe(true);
  });
});

describe('safeReturnUrl', () => {
  it('follows in-app paths only', () => {
    expect(safeReturnUrl('/containers/101?tab=config')).toBe('/containers/101?tab=config');
    expect(safeReturnUrl('//evil.example')).toBe('/dashboard');
    expect(safeReturnUrl('https://evil.example')).toBe('/dashboard');
    expect(safeReturnUrl('/login')).toBe('/dashboard');
    expect(safeReturnUrl(null)).toBe('/dashboard');
  });
});

describe('signedInGuard with two-factor required', () => {
  it('sends an account that must pair a device first to the two-factor page', async () => {
    const tree = await run(signedInGuard, { ...admin, totpSetupRequired: true }, '/containers');
    expect(serialized(tree)).toBe('/two-factor');
  });

  it('lets it open the two-factor page itself', async () => {
    expect(await run(signedInGuard, { ...admin, totpSetupRequired: true }, '/two-factor')).toBe(
      true,
    );
  });
});
