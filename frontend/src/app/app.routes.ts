import { Routes } from '@angular/router';
import { adminGuard, signedOutGuard } from './core/auth/auth.guards';
import { requireSignIn } from './core/auth/require-sign-in';

// Every route needs a session unless marked public (see requireSignIn).
export const routes: Routes = requireSignIn([
  { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
  {
    path: 'dashboard',
    title: 'Dashboard · ProxiCloud',
    data: { breadcrumb: 'Dashboard' },
    loadChildren: () => import('./features/dashboard/dashboard.routes'),
  },
  {
    path: 'containers',
    data: { breadcrumb: 'Containers' },
    loadChildren: () => import('./features/containers/containers.routes'),
  },
  {
    path: 'templates',
    title: 'Templates · ProxiCloud',
    data: { breadcrumb: 'Templates' },
    loadChildren: () => import('./features/templates/templates.routes'),
  },
  {
    path: 'backups',
    title: 'Backups · ProxiCloud',
    data: { breadcrumb: 'Backups' },
    loadChildren: () => import('./features/backups/backups.routes'),
  },
  {
    path: 'schedules',
    title: 'Schedules · ProxiCloud',
    data: { breadcrumb: 'Schedules' },
    loadChildren: () => import('./features/schedules/schedules.routes'),
  },
  {
    path: 'analytics',
    title: 'Analytics · ProxiCloud',
    data: { breadcrumb: 'Analytics' },
    loadChildren: () => import('./features/analytics/analytics.routes'),
  },
  {
    path: 'alerts',
    title: 'Alerts · ProxiCloud',
    data: { breadcrumb: 'Alerts' },
    loadChildren: () => import('./features/alerts/alerts.routes'),
  },
  {
    path: 'tasks',
    title: 'Tasks · ProxiCloud',
    data: { breadcrumb: 'Tasks' },
    loadChildren: () => import('./features/tasks/tasks.routes'),
  },
  {
    path: 'login',
    title: 'Sign in · ProxiCloud',
    data: { public: true },
    canActivate: [signedOutGuard],
    loadChildren: () => import('./features/auth/login.routes'),
  },
  {
    path: 'setup',
    title: 'Set up · ProxiCloud',
    data: { public: true },
    loadChildren: () => import('./features/auth/setup.routes'),
  },
  {
    path: 'activity',
    title: 'Activity · ProxiCloud',
    data: { breadcrumb: 'Activity' },
    loadChildren: () => import('./features/activity/activity.routes'),
  },
  {
    path: 'settings',
    title: 'Proxmox access · ProxiCloud',
    data: { breadcrumb: 'Proxmox access' },
    loadChildren: () => import('./features/settings/settings.routes'),
  },
  {
    path: 'two-factor',
    title: 'Two-factor sign-in · ProxiCloud',
    data: { breadcrumb: 'Two-factor sign-in' },
    loadChildren: () => import('./features/two-factor/two-factor.routes'),
  },
  {
    path: 'users',
    title: 'Users · ProxiCloud',
    data: { breadcrumb: 'Users' },
    canActivate: [adminGuard],
    loadChildren: () => import('./features/users/users.routes'),
  },
  {
    path: 'tokens',
    title: 'API tokens · ProxiCloud',
    data: { breadcrumb: 'API tokens' },
    canActivate: [adminGuard],
    loadChildren: () => import('./features/tokens/tokens.routes'),
  },
  {
    path: '**',
    title: 'Not found · ProxiCloud',
    data: { breadcrumb: 'Not found' },
    loadComponent: () => import('./core/layout/not-found.component'),
  },
]);
