import { Routes } from '@angular/router';

export default [
  { path: '', loadComponent: () => import('./two-factor-page.component') },
] satisfies Routes;
