import { Routes } from '@angular/router';

export default [
  { path: '', loadComponent: () => import('./activity-page.component') },
] satisfies Routes;
