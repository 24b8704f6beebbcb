import { TestBed } from '@angular/core/testing';
import { of, throwError } from 'rxjs';
import { AnalyticsService } from '../../api/services';
import { aSeries } from '../../shared/charts/series-fakes';
import { NodeSparklinesComponent } from './node-sparklines.component';

async function render(getNodeSeries: (p: { metric: string }) => unknown) {
  TestBed.configureTestingModule({
    providers: [{ provide: AnalyticsService, useValue: { getNodeSeries: vi.fn(getNodeSeries) } }],
  });
  const fixture = TestBed.createComponent(NodeSparklinesComponent);
  fixture.componentRef.setInput('node', 'pve1');
  await fixture.whenStable();
  const api = TestBed.inject(AnalyticsService) as unknown as {
    getNodeSeries: ReturnType<typeof vi.fn>;
  };
  return { el: fixture.nativeElement as HTMLElement, api };
}

describe('NodeSparklinesComponent', () => {
  it("draws the node's CPU and memory of the last hour", async () => {
    const { el, api } = await render((p) =>
      of(p.metric === 'cpu' ? aSeries({ cpu: [0.1, 0.25] }) : aSeries({ mem: [1024 ** 3] })),
    );
    expect(api.getNodeSeries).toHaveBeenCalledWith({ node: 'pve1', range: '1h', metric: 'cpu' });
    expect(api.getNodeSeries).toHaveBeenCalledWith({ node: 'pve1', range: '1h', metric: 'memory' });
    const values = [...el.querySelectorAll('pc-sparkline .value')].map((v) => v.textContent);
    expect(values).toEqual(['25.0%', '1.0 GiB']);
  });

  it('says so when the history cannot be loaded', async () => {
    const { el } = await render(() => throwError(() => new Error('offline')));
    expect(el.textContent).toContain('History unavailable');
  });
});
