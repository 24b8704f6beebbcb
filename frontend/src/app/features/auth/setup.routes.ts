import { Routes } from '@angular/router';

export default [
  { path: '', loadComponent: () => import('./setup-page.component') },
] satisfies Routes;
