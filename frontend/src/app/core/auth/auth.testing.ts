import { Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import { AuthService, PermissionsService } from '../../api/services';
import { AuthStore } from './auth.store';
import { Role } from './roles';

/** For specs of role-aware pages: a session with this role and a token that may do everything. */
export function provideSignedIn(role: Role = 'admin'): Provider[] {
  return [
    {
      provide: AuthService,
      useValue: { getMe: () => of({ username: 'tester', role, kind: 'session', csrfToken: 'c' }) },
    },
    {
      provide: PermissionsService,
      useValue: {
        getPermissionReport: () => of({ checkedAt: '', tokenId: 'test@pve!t', features: [] }),
      },
    },
  ];
}

/** Resolves once the AuthStore knows the session from provideSignedIn. */
export function signIn(): Promise<unknown> {
  return TestBed.inject(AuthStore).ensureLoaded();
}
