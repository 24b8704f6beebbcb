import { Route, Routes } from '@angular/router';
import { signedInGuard } from './auth.guards';

/**
 * Puts the signed-in guard on every top-level route except redirects and those marked
 * `data: { public: true }` (login, setup), so a route added later is protected by default.
 */
export function requireSignIn(routes: Routes): Routes {
  return routes.map((route) => (needsSession(route) ? guarded(route) : route));
}

function needsSession(route: Route): boolean {
  return route.redirectTo === undefined && route.data?.['public'] !== true;
}

function guarded(route: Route): Route {
  return { ...route, canActivate: [signedInGuard, ...(route.canActivate ?? [])] };
}
