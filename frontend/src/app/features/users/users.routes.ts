import { Routes } from '@angular/router';

export default [
  { path: '', loadComponent: () => import('./users-page.component') },
] satisfies Routes;
