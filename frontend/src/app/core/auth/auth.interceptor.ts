import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { AuthStore } from './auth.store';

export const CSRF_HEADER = 'X-CSRF-Token';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Calls whose 401 means "wrong credentials" or "no session yet", not "your session ended". */
const AUTH_PROBES = ['/api/auth/login', '/api/auth/setup', '/api/auth/me', '/api/auth/logout'];

/** Login and setup pages: being sent there again from there would lose the returnUrl. */
export const PUBLIC_PAGES = ['/login', '/setup'];

export function isMutating(method: string): boolean {
  return MUTATING.has(method.toUpperCase());
}

export function isAuthProbe(url: string): boolean {
  const path = url.replace(/^https?:\/\/[^/]+/, '').split('?')[0];
  return AUTH_PROBES.includes(path);
}

export function isPublicPage(url: string): boolean {
  const path = url.split(/[?#]/)[0];
  return PUBLIC_PAGES.some((p) => path === p || path.startsWith(p + '/'));
}

/**
 * Same-origin API calls carry the HttpOnly session cookie on their own; state-changing ones must
 * echo the session's CSRF token. A 401 elsewhere means the session ended: back to the login page,
 * remembering where the user was.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  const csrf = auth.csrfToken();
  const sent =
    csrf && isMutating(req.method)
      ? req.clone({ setHeaders: { [CSRF_HEADER]: csrf }, withCredentials: true })
      : req.clone({ withCredentials: true });
  return next(sent).pipe(
    catchError((err: unknown) => {
      if (err instanceof HttpErrorResponse && err.status === 401 && !isAuthProbe(req.url)) {
        // only an ended session redirects: after a deliberate sign-out, stray polls must not
        // record the page being left as the place to return to
        const sessionEnded = auth.signedIn();
        auth.signOutLocally();
        const returnUrl = router.url;
        if (sessionEnded && !isPublicPage(returnUrl)) {
          void router.navigate(['/login'], { queryParams: { returnUrl } });
        }
      }
      return throwError(() => err);
    }),
  );
};
