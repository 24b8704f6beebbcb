import { Routes } from '@angular/router';
import { adminGuard, signedInGuard } from './auth.guards';
import { requireSignIn } from './require-sign-in';

describe('requireSignIn', () => {
  const routes: Routes = [
    { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
    { path: 'dashboard', children: [] },
    { path: 'login', data: { public: true }, children: [] },
    { path: 'users', canActivate: [adminGuard], children: [] },
  ];
  const result = requireSignIn(routes);

  it('guards every page that is not public', () => {
    expect(result[1].canActivate).toEqual([signedInGuard]);
    expect(result[3].canActivate).toEqual([signedInGuard, adminGuard]);
  });

  it('leaves redirects and public pages alone', () => {
    expect(result[0]).toBe(routes[0]);
    expect(result[2]).toBe(routes[2]);
  });
});
