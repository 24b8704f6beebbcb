import { Routes } from '@angular/router';

export default [
  { path: '', loadComponent: () => import('./alerts-page.component') },
  {
    path: 'rules',
    title: 'Alert rules · ProxiCloud',
    data: { breadcrumb: 'Rules' },
    loadComponent: () => import('./rules-page.component'),
  },
  {
    path: 'channels',
    title: 'Alert channels · ProxiCloud',
    data: { breadcrumb: 'Channels' },
    loadComponent: () => import('./channels-page.component'),
  },
] satisfies Routes;
