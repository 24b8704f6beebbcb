import { Routes } from '@angular/router';

export default [
  { path: '', loadComponent: () => import('./schedules-page.component') },
] satisfies Routes;
