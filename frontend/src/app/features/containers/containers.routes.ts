import { Routes } from '@angular/router';
import { BreadcrumbData } from '../../core/navigation/breadcrumbs';

const ctLabel: BreadcrumbData = (route) => `CT ${route.params['vmid']}`;

export default [
  {
    path: '',
    title: 'Containers · ProxiCloud',
    loadComponent: () => import('./list/containers-page.component'),
  },
  {
    path: 'new',
    title: 'Create container · ProxiCloud',
    data: { breadcrumb: 'Create' },
    loadChildren: () => import('../create/create.routes'),
  },
  {
    // The pop-out console window: the terminal alone, without the navigation around it.
    path: ':vmid/console',
    title: 'Console · ProxiCloud',
    data: { breadcrumb: ctLabel, chromeless: true },
    loadComponent: () => import('./console/console-page.component'),
  },
  {
    path: ':vmid',
    title: 'Container · ProxiCloud',
    data: { breadcrumb: ctLabel },
    loadComponent: () => import('./detail/container-detail.component'),
  },
] satisfies Routes;
