import { Routes } from '@angular/router';

export default [
  { path: '', loadComponent: () => import('./backups-page.component') },
] satisfies Routes;
