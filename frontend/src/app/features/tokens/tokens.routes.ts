import { Routes } from '@angular/router';

export default [
  { path: '', loadComponent: () => import('./tokens-page.component') },
] satisfies Routes;
