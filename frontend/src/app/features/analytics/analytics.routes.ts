import { Routes } from '@angular/router';
import { provideEchartsCore } from 'ngx-echarts';

export default [
  {
    path: '',
    providers: [provideEchartsCore({ echarts: () => import('./echarts-setup') })],
    loadComponent: () => import('./analytics-page.component'),
  },
] satisfies Routes;
