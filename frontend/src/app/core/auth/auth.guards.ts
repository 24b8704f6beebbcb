import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthStore } from './auth.store';
import { Role } from './roles';

const TWO_FACTOR = '/two-factor';

/** Pages behind this need a session; without one the login page opens and comes back here. */
export const signedInGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  if ((await auth.ensureLoaded()) === 'signed-in') {
    // admins require two-factor sign-in and this account has none: the server refuses the rest
    const mustPair = auth.user()?.totpSetupRequired === true;
    return mustPair && !state.url.startsWith(TWO_FACTOR)
      ? router.createUrlTree([TWO_FACTOR])
      : true;
  }
  return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** Pages for one role and up; lower roles land on the dashboard instead of an empty page. */
export function roleGuard(need: Role): CanActivateFn {
  return async (_route, state) => {
    const auth = inject(AuthStore);
    const router = inject(Router);
    if ((await auth.ensureLoaded()) !== 'signed-in') {
      return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
    }
    return auth.can(need) ? true : router.createUrlTree(['/dashboard']);
  };
}

export const adminGuard = roleGuard('admin');

/** The login page skips itself for someone already signed in. */
export const signedOutGuard: CanActivateFn = async () => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  return (await auth.ensureLoaded()) === 'signed-in' ? router.createUrlTree(['/dashboard']) : true;
};

/** Only relative in-app paths are followed after login, never another origin. */
export function safeReturnUrl(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return '/dashboard';
  }
  return PUBLIC_PREFIXES.some((p) => value.startsWith(p)) ? '/dashboard' : value;
}

const PUBLIC_PREFIXES = ['/login', '/setup'];
