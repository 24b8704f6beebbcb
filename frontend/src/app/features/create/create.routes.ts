import { Routes } from '@angular/router';

export default [
  { path: '', loadComponent: () => import('./create-wizard.component') },
] satisfies Routes;
