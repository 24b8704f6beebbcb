import { Routes } from '@angular/router';

export default [
  { path: '', loadComponent: () => import('./tasks-page.component') },
] satisfies Routes;
