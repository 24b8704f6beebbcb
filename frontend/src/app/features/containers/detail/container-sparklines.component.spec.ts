import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of, throwError } from 'rxjs';
import { AnalyticsService } from '../../../api/services';
import { aSeries } from '../../../shared/charts/series-fakes';
import { ContainerSparklinesComponent } from './container-sparklines.component';

const ANSWERS: Record<string, ReturnType<typeof aSeries>> = {
  cpu: aSeries({ cpu: [0.5] }),
  memory: aSeries({ mem: [512 * 1024 ** 2] }),
  network: aSeries({ netin: [2048], netout: [null, 1024] }),
};

async function render(getContainerSeries: (p: { metric: string }) => unknown) {
  const api = { getContainerSeries: vi.fn(getContainerSeries) };
  TestBed.configureTestingModule({
    providers: [provideRouter([]), { provide: AnalyticsService, useValue: api }],
  });
  const fixture = TestBed.createComponent(ContainerSparklinesComponent);
  fixture.componentRef.setInput('vmid', 101);
  await fixture.whenStable();
  return { el: fixture.nativeElement as HTMLElement, api };
}

describe('ContainerSparklinesComponent', () => {
  it('draws CPU, memory and network of the last hour in their units', async () => {
    const { el, api } = await render((p) => of(ANSWERS[p.metric]));
    expect(api.getContainerSeries).toHaveBeenCalledWith({
      vmid: 101,
      range: '1h',
      metric: 'network',
    });
    const values = [...el.querySelectorAll('pc-sparkline .value')].map((v) => v.textContent);
    expect(values).toEqual(['50.0%', '512.0 MiB', '2.0 KiB/s', '1.0 KiB/s']);
  });

  it('says so when the history cannot be loaded', async () => {
    const { el } = await render(() => throwError(() => new Error('offline')));
    expect(el.textContent).toContain('History unavailable');
  });
});
