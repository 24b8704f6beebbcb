import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { COLLECT_JOB } from '../../src/analytics/analytics.constants.js';
import { BackfillService } from '../../src/analytics/backfill.service.js';
import { CollectorService } from '../../src/analytics/collector.service.js';
import { LiveMetricsService } from '../../src/analytics/live-metrics.service.js';
import { MaintenanceService } from '../../src/analytics/maintenance.service.js';
import type { AnalyticsSeriesDto } from '../../src/analytics/dto/series.dto.js';
import { ROOT_TOKEN, type SimClient, startTestSim } from '../pve-sim/sim-client.js';
import { type ConsoleHarness, startConsole } from '../support/console-harness.js';

type Row = Record<string, number | string>;

// pve-sim's clock is pinned and moved by hand in 10 s pvestatd steps; the console keeps real time
let clock = Math.floor(Date.now() / 10_000) * 10_000;
let sim: PveSimHandle;
let api: SimClient;
let h: ConsoleHarness;
let collector: CollectorService;
let live: LiveMetricsService;

beforeAll(async () => {
  ({ sim, api } = await startTestSim({ now: () => clock, seed: 11 }));
  h = await startConsole({
    existingSim: sim,
    env: {
      PROXICLOUD_PVE_TOKEN_ID: ROOT_TOKEN.tokenId,
      PROXICLOUD_PVE_TOKEN_SECRET: ROOT_TOKEN.secret,
    },
  });
  // cycles are driven by hand: the scheduled collection (first due after 30 s) is removed
  h.app.get(SchedulerRegistry).deleteInterval(COLLECT_JOB);
  collector = h.app.get(CollectorService);
  live = h.app.get(LiveMetricsService);
});
afterAll(async () => {
  await h?.stop();
  await api?.close();
  await sim?.stop();
});

async function served(vmid: number): Promise<Row> {
  const rows = (await api.get('/cluster/resources', { type: 'vm' })).body.data as Row[];
  const row = rows.find((r) => r.vmid === vmid);
  if (!row) throw new Error(`pve-sim has no guest ${vmid}`);
  return row;
}

/** The one stored point at the collector's last sample time. */
async function pointAtLastCycle(vmid: number, metric: string): Promise<AnalyticsSeriesDto> {
  const t = live.health.lastSuccess as number;
  const res = await h.get<AnalyticsSeriesDto>(
    `/api/analytics/containers/${vmid}?metric=${metric}&from=${t}&to=${t + 1}`,
  );
  expect(res.status, res.text).toBe(200);
  expect(res.body.t).toEqual([Math.floor(t / 30) * 30]);
  return res.body;
}

describe('analytics against pve-sim', () => {
  it('stores exactly the cpu and memory pve-sim served in the cycle', async () => {
    const result = await collector.runCycle();
    expect(result?.containers).toBeGreaterThan(0);
    const want = await served(101);
    const cpu = await pointAtLastCycle(101, 'cpu');
    expect(cpu.series[0].min[0]).toBe(want.cpu);
    expect(cpu.series[0].max[0]).toBe(want.cpu);
    // the mean is SUM(cpu × step) / SUM(step): equal up to float rounding
    expect(cpu.series[0].avg[0]).toBeCloseTo(Number(want.cpu), 12);
    expect(cpu.capacity).toBe(want.maxcpu);
    const memory = await pointAtLastCycle(101, 'memory');
    expect(memory.series[0].avg[0]).toBe(want.mem);
    expect(memory.capacity).toBe(want.maxmem);
  });

  it('turns the counters served in two cycles into per-second rates', async () => {
    const before = await served(101);
    clock += 10_000;
    // past the shared 2 s cluster-state cache, so the cycle reads what pve-sim serves now
    await new Promise((r) => setTimeout(r, 2_100));
    await collector.runCycle();
    const after = await served(101);
    const elapsed = Number(after.uptime) - Number(before.uptime);
    expect(elapsed).toBe(10);
    const network = await pointAtLastCycle(101, 'network');
    const [netin, netout] = network.series;
    // rates are stored as whole bytes per second
    expect(netin.avg[0]).toBe(Math.round((Number(after.netin) - Number(before.netin)) / elapsed));
    expect(netout.avg[0]).toBe(
      Math.round((Number(after.netout) - Number(before.netout)) / elapsed),
    );
    expect(netin.avg[0]).toBeGreaterThan(0);
  });

  it('backfills the day before from rrddata at minute resolution, matching PVE', async () => {
    await h.app.get(BackfillService).drain();
    h.app.get(MaintenanceService).runRollup();
    const res = await h.get('/api/analytics/containers/101?metric=cpu&range=24h');
    expect(res.body).toMatchObject({ step: 60, source: 'raw' });
    expect(res.body.t.length).toBeGreaterThan(1_400);
    const rrd = (await api.get('/nodes/pve1/lxc/101/rrddata', { timeframe: 'day' })).body
      .data as Row[];
    const probe = rrd.find((p) => p.cpu !== undefined && Number(p.time) > res.body.t[10]) as Row;
    const index = res.body.t.indexOf(probe.time);
    expect(index).toBeGreaterThan(0);
    expect(res.body.series[0].avg[index]).toBeCloseTo(Number(probe.cpu), 9);
  });

  it('fills the 30-day chart from the month timeframe (half-hour points, rolled up hourly)', async () => {
    const month = await h.get('/api/analytics/containers/101?metric=memory&range=30d');
    expect(month.body).toMatchObject({ step: 3_600, source: '1h' });
    const now = Math.floor(Date.now() / 1000);
    expect(month.body.t[0]).toBeLessThan(now - 29 * 86_400);
    expect(month.body.t.length).toBeGreaterThan(700);
    const week = await h.get('/api/analytics/containers/101?metric=memory&range=7d');
    expect(week.body).toMatchObject({ step: 1_800, source: '5m' });
    expect(week.body.t.length).toBeGreaterThan(330);
  });

  it('gives backfilled half-hour points the mean of AVERAGE and the peak of MAX', async () => {
    const week = await h.get<AnalyticsSeriesDto>(
      '/api/analytics/containers/101?metric=memory&range=7d',
    );
    const [mem] = week.body.series;
    const rrd = async (cf: string) =>
      new Map(
        (
          (await api.get('/nodes/pve1/lxc/101/rrddata', { timeframe: 'month', cf })).body
            .data as Row[]
        ).map((p) => [Number(p.time), Number(p.mem)]),
      );
    const [average, max] = [await rrd('AVERAGE'), await rrd('MAX')];
    const i = week.body.t.findIndex((t) => max.has(t) && max.get(t)! > average.get(t)! + 1);
    expect(i, 'a half-hour point whose peak is above its mean').toBeGreaterThanOrEqual(0);
    const t = week.body.t[i];
    expect(mem.avg[i]).toBe(Math.round(average.get(t)!));
    expect(mem.max[i]).toBe(Math.round(max.get(t)!));
    // PVE keeps no MIN archive: the minimum is the mean
    expect(mem.min[i]).toBe(mem.avg[i]);
  });

  it('exports a series as CSV', async () => {
    const res = await h.get('/api/analytics/containers/101/csv?metric=network&range=1h');
    expect(res.status).toBe(200);
    const last = h.answers[h.answers.length - 1];
    expect(last).toContain('text/csv');
    expect(last).toContain('attachment; filename=\\"container-series.csv\\"');
    const [header, first] = res.text.trim().split('\n');
    expect(header).toBe(
      'time,epoch,netin_min,netin_avg,netin_max,netout_min,netout_avg,netout_max',
    );
    expect(first).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z,\d+,/);
  });

  it('serves node series and a cluster summary with top consumers', async () => {
    const node = await h.get('/api/analytics/nodes/pve1?metric=cpu&range=6h');
    expect(node.status, node.text).toBe(200);
    expect(node.body.t.length).toBeGreaterThan(100);
    const summary = await h.get('/api/analytics/summary?range=24h&limit=3');
    expect(summary.status, summary.text).toBe(200);
    expect(summary.body.top.cpu).toHaveLength(3);
    expect(summary.body.top.memory[0].value).toBeGreaterThanOrEqual(
      summary.body.top.memory[1].value,
    );
    expect(summary.body.totals.containers).toBeGreaterThan(3);
  });

  it('answers 404 for a container without metrics and 400 for an unknown metric', async () => {
    expect((await h.get('/api/analytics/containers/99999?range=1h')).status).toBe(404);
    expect((await h.get('/api/analytics/containers/101?metric=gpu')).status).toBe(400);
    expect((await h.get('/api/analytics/containers/101?from=200&to=100')).status).toBe(400);
  });

  it('answers an empty series, not a 404, for a container created since the last cycle', async () => {
    const templates = await h.get('/api/templates');
    const volid = templates.body.items.find((t: any) => t.available.length > 0).available[0].volid;
    const created = await h.post('/api/containers', { template: volid, disk: 2 });
    expect(created.status, created.text).toBe(202);
    await h.waitForTask(created.body.upid);
    const res = await h.get(`/api/analytics/containers/${created.body.vmid}?range=1h`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.t).toEqual([]);
    expect(res.body.series[0].avg).toEqual([]);
  });

  it('switched the console database to incremental auto_vacuum, and the retention job runs', async () => {
    const [mode] = await h.app
      .get(DataSource)
      .query<{ auto_vacuum: number }[]>('PRAGMA auto_vacuum');
    expect(mode.auto_vacuum).toBe(2);
    // everything stored is younger than any cutoff: nothing goes
    expect(h.app.get(MaintenanceService).runRetention()).toMatchObject({ deleted: 0 });
  });

  it('exposes per-container gauges, collector health and HTTP metrics at /metrics', async () => {
    const want = await served(101);
    const res = await h.get('/metrics');
    expect(res.status).toBe(200);
    const line = res.text
      .split('\n')
      .find((l) => l.startsWith('proxicloud_container_memory_bytes{') && l.includes('vmid="101"'));
    expect(line).toBe(
      `proxicloud_container_memory_bytes{vmid="101",name="${want.name}",node="pve1"} ${want.mem}`,
    );
    expect(res.text).toMatch(/proxicloud_collector_last_success_timestamp_seconds \d+/);
    expect(res.text).toContain('# TYPE proxicloud_collector_errors_total counter');
    expect(res.text).toMatch(/proxicloud_collector_cycles_total [1-9]/);
    expect(res.text).toContain('proxicloud_node_up{node="pve1"} 1');
    expect(res.text).toMatch(
      /proxicloud_http_requests_total\{method="GET",route="\/api\/analytics\/containers\/:vmid",status="200"\} \d+/,
    );
  });
});
