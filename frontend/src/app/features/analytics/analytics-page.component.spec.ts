import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideEchartsCore } from 'ngx-echarts';
import AnalyticsPageComponent from './analytics-page.component';
import { of } from 'rxjs';
import { ANALYTICS_API, aSummary, analyticsProviders } from './analytics.fakes';

function analyticsApi() {
  return {
    getNodeSeries: vi.fn(ANALYTICS_API.getNodeSeries),
    getContainerSeries: vi.fn(ANALYTICS_API.getContainerSeries),
    exportNodeSeriesCsv: vi.fn(ANALYTICS_API.exportNodeSeriesCsv),
    exportContainerSeriesCsv: vi.fn(ANALYTICS_API.exportContainerSeriesCsv),
    getAnalyticsSummary: vi.fn(ANALYTICS_API.getAnalyticsSummary),
  };
}

/** Just enough of an ECharts instance for ngx-echarts; jsdom has no canvas. */
function fakeEcharts() {
  const chart = {
    setOption: vi.fn(),
    on: vi.fn(),
    off: vi.fn(),
    resize: vi.fn(),
    dispose: vi.fn(),
    showLoading: vi.fn(),
    hideLoading: vi.fn(),
    getOption: vi.fn(() => ({})),
    isDisposed: () => false,
  };
  return { chart, init: vi.fn(() => chart) };
}

async function render(api = analyticsApi()) {
  const echarts = fakeEcharts();
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideEchartsCore({ echarts }), ...analyticsProviders(api)],
  });
  const fixture = TestBed.createComponent(AnalyticsPageComponent);
  const el = fixture.nativeElement as HTMLElement;
  await vi.waitFor(async () => {
    await fixture.whenStable();
    expect(el.querySelectorAll('table.stats tbody tr')).toHaveLength(2);
  });
  return { fixture, el, api, echarts };
}

function buttonWith(el: HTMLElement, text: string): HTMLElement {
  return [...el.querySelectorAll<HTMLElement>('button, a')].find((b) =>
    b.textContent?.trim().startsWith(text),
  )!;
}

describe('AnalyticsPageComponent', () => {
  it('shows totals, a chart of every node and a row with CSV export per node', async () => {
    const { el, echarts } = await render();
    expect(el.textContent).toContain('1.5 cores');
    expect(el.textContent).toContain('2.0 KiB/s');
    await vi.waitFor(() => expect(echarts.chart.setOption).toHaveBeenCalled());
    const option = echarts.chart.setOption.mock.calls.at(-1)?.[0] as { series: { name: string }[] };
    expect(option.series.map((s) => s.name)).toEqual(['Node pve1', 'Node pve2']);
    const rows = el.querySelectorAll('table.stats tbody tr');
    expect(rows[0].textContent).toContain('50.0%');
    expect(rows[0].querySelector('button[aria-label="Download CSV for Node pve1"]')).not.toBeNull();
  });

  it('says the totals are being collected, not 0, before the first sample', async () => {
    const api = analyticsApi();
    api.getAnalyticsSummary.mockReturnValue(of({ ...aSummary(), collectedAt: null }));
    const { el } = await render(api);
    const tiles = [...el.querySelectorAll('.totals .total strong')].map((t) =>
      t.textContent?.trim(),
    );
    expect(tiles).toEqual(Array(5).fill('collecting…'));
    expect(el.querySelector('.totals')?.textContent).not.toMatch(/\b0\b|0 B/);
  });

  it('switches metric tab and offers the data sources of that metric', async () => {
    const { fixture, el, api } = await render();
    buttonWith(el, 'Network').click();
    await fixture.whenStable();
    expect(api.getNodeSeries).toHaveBeenLastCalledWith({
      node: 'pve2',
      range: '24h',
      metric: 'network',
    });
    expect(el.querySelector('[aria-label="Data source"]')?.textContent).toContain('Network out');
  });

  it('loads a brushed window in detail and goes back to the range', async () => {
    const { fixture, el, api, echarts } = await render();
    await vi.waitFor(() =>
      expect(echarts.chart.on).toHaveBeenCalledWith('brushend', expect.any(Function)),
    );
    const handler = echarts.chart.on.mock.calls.find(([name]) => name === 'brushend')![1] as (
      e: unknown,
    ) => void;
    handler({ areas: [{ coordRange: [1_700_000_000_000, 1_700_003_600_000] }] });
    await fixture.whenStable();
    expect(api.getNodeSeries).toHaveBeenLastCalledWith({
      node: 'pve2',
      from: 1_700_000_000,
      to: 1_700_003_600,
      metric: 'cpu',
    });
    buttonWith(el, 'Back to 24h').click();
    await fixture.whenStable();
    expect(api.getNodeSeries).toHaveBeenLastCalledWith({
      node: 'pve2',
      range: '24h',
      metric: 'cpu',
    });
  });
});
