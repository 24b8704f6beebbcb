import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { throwError } from 'rxjs';
import { ANALYTICS_API, analyticsProviders } from './analytics.fakes';
import { AnalyticsStore } from './analytics.store';

async function connected(api = analyticsApi()) {
  TestBed.configureTestingModule({ providers: [AnalyticsStore, ...analyticsProviders(api)] });
  const store = TestBed.inject(AnalyticsStore);
  const stop = store.connect();
  await vi.waitFor(() => expect(store.lines().length).toBeGreaterThan(0));
  return { store, api, stop };
}

function analyticsApi() {
  return {
    getNodeSeries: vi.fn(ANALYTICS_API.getNodeSeries),
    getContainerSeries: vi.fn(ANALYTICS_API.getContainerSeries),
    exportNodeSeriesCsv: vi.fn(ANALYTICS_API.exportNodeSeriesCsv),
    exportContainerSeriesCsv: vi.fn(ANALYTICS_API.exportContainerSeriesCsv),
    getAnalyticsSummary: vi.fn(ANALYTICS_API.getAnalyticsSummary),
  };
}

describe('AnalyticsStore', () => {
  it('starts by comparing every node over the last 24 hours', async () => {
    const { store, api, stop } = await connected();
    expect(store.selectedNodes()).toEqual(['pve1', 'pve2']);
    expect(store.lines().map((l) => l.name)).toEqual(['Node pve1', 'Node pve2']);
    expect(api.getNodeSeries).toHaveBeenCalledWith({ node: 'pve1', range: '24h', metric: 'cpu' });
    expect(store.summary()?.totals.running).toBe(2);
    stop();
  });

  it('adds containers by name and switches metric to its first data source', async () => {
    const { store, api, stop } = await connected();
    store.select([101], []);
    store.setMetric('network');
    await vi.waitFor(() => expect(store.lines()).toHaveLength(1));
    expect(store.key()).toBe('netin');
    expect(store.lines()[0].name).toBe('web-1 (CT 101)');
    expect(api.getContainerSeries).toHaveBeenLastCalledWith({
      vmid: 101,
      range: '24h',
      metric: 'network',
    });
    store.key.set('netout');
    expect(store.lines()[0].points[0][1]).toBe(2);
    stop();
  });

  it('loads a brushed window and returns to the range when cleared', async () => {
    const { store, api, stop } = await connected();
    store.zoomTo({ from: 100, to: 200 });
    expect(api.getNodeSeries).toHaveBeenLastCalledWith({
      node: 'pve2',
      from: 100,
      to: 200,
      metric: 'cpu',
    });
    store.clearWindow();
    expect(store.window()).toBeNull();
    expect(api.getNodeSeries).toHaveBeenLastCalledWith({
      node: 'pve2',
      range: '24h',
      metric: 'cpu',
    });
    store.setRange('7d');
    expect(api.getAnalyticsSummary).toHaveBeenLastCalledWith({ range: '7d', limit: 5 });
    stop();
  });

  it('shows nothing, without requests, when nothing is selected', async () => {
    const { store, api, stop } = await connected();
    api.getNodeSeries.mockClear();
    store.select([], []);
    await vi.waitFor(() => expect(store.lines()).toEqual([]));
    expect(api.getNodeSeries).not.toHaveBeenCalled();
    stop();
  });

  it('downloads the CSV of one item through the client and reports failures', async () => {
    const api = analyticsApi();
    const { store, stop } = await connected(api);
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    await store.downloadCsv({ kind: 'node', node: 'pve1' });
    expect(api.exportNodeSeriesCsv).toHaveBeenCalledWith({
      node: 'pve1',
      range: '24h',
      metric: 'cpu',
    });
    expect(click).toHaveBeenCalled();
    api.exportContainerSeriesCsv.mockReturnValue(
      throwError(
        () => new HttpErrorResponse({ status: 404, error: { message: 'CT 9 has no data' } }),
      ),
    );
    await store.downloadCsv({ kind: 'container', vmid: 9, name: 'x' });
    expect(store.csvError()).toBe('CT 9 has no data');
    expect(store.csvBusy()).toBeNull();
    click.mockRestore();
    stop();
  });
});
