import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { loadScenario } from '../../pve-sim/src/cluster/scenario.js';
import { COLLECT_JOB } from '../../src/analytics/analytics.constants.js';
import { BackfillService } from '../../src/analytics/backfill.service.js';
import { CollectorService } from '../../src/analytics/collector.service.js';
import { ROOT_TOKEN, type SimClient, startTestSim } from '../pve-sim/sim-client.js';
import { type ConsoleHarness, startConsole } from '../support/console-harness.js';

type Row = Record<string, number | string>;

/** A scenario file: the default cluster, each node upgraded from PVE 8 `hours` ago. */
function upgradedScenario(hours: number): string {
  const base = loadScenario('default');
  const nodes = base.nodes.map((n) => ({ ...n, upgradedHoursAgo: hours }));
  const file = join(mkdtempSync(join(tmpdir(), 'pve-sim-scenario-')), 'upgraded.json');
  writeFileSync(file, JSON.stringify({ ...base, nodes }));
  return file;
}

/**
 * The same backfill against each RRD layout rrddata can serve: PVE 9.1 (minute points for the
 * last day), PVE 8.4 (pve2 files: 30-minute `day`, 3-hour `week`, 12-hour `month` points) and PVE
 * 9.1 on nodes upgraded five hours ago (both in one answer). Each stored row must carry the step
 * of the RRD point it came from.
 */
describe.each([
  { mode: 'PVE 9.1', options: {}, daySteps: [60], chartPoints: 1_400 },
  { mode: 'PVE 8.4', options: { pveVersion: '8.4' }, daySteps: [1800], chartPoints: 45 },
  {
    mode: 'PVE 9.1 upgraded 5 h ago',
    options: { scenario: upgradedScenario(5) },
    daySteps: [60, 1800],
    chartPoints: 5 * 60 + 35,
  },
])('backfill from $mode', ({ options, daySteps, chartPoints }) => {
  let sim: PveSimHandle;
  let api: SimClient;
  let h: ConsoleHarness;
  let db: DataSource;

  beforeAll(async () => {
    ({ sim, api } = await startTestSim({ seed: 11, ...options }));
    h = await startConsole({
      existingSim: sim,
      env: {
        PROXICLOUD_PVE_TOKEN_ID: ROOT_TOKEN.tokenId,
        PROXICLOUD_PVE_TOKEN_SECRET: ROOT_TOKEN.secret,
      },
    });
    h.app.get(SchedulerRegistry).deleteInterval(COLLECT_JOB);
    db = h.app.get(DataSource);
    await h.app.get(CollectorService).runCycle();
    await h.app.get(BackfillService).drain();
  });
  afterAll(async () => {
    await h?.stop();
    await api?.close();
    await sim?.stop();
  });

  async function rrd(timeframe: string, cf = 'AVERAGE'): Promise<Map<number, Row>> {
    const res = await api.get('/nodes/pve1/lxc/101/rrddata', { timeframe, cf });
    return new Map((res.body.data as Row[]).map((p) => [Number(p.time), p]));
  }

  it('stores the last day with the steps rrddata served, each value as served', async () => {
    const rows = await db.query<{ t: number; step: number; cpu: number }[]>(
      'SELECT t, step, cpu FROM analytics_ct_samples WHERE vmid = 101 AND step > 30 ORDER BY t',
    );
    expect([...new Set(rows.map((r) => r.step))].sort((a, b) => a - b)).toEqual(daySteps);
    const day = await rrd('day');
    const times = [...day.keys()].sort((a, b) => a - b);
    for (const r of rows) {
      expect(r.t % r.step, `row at ${r.t} is aligned to its step`).toBe(0);
      expect(r.cpu).toBeCloseTo(Number(day.get(r.t)?.cpu), 12);
      // the next point rrddata served starts where this row's interval ends
      expect(times[times.indexOf(r.t) + 1]).toBe(r.t + r.step);
    }
    expect(rows.length).toBeGreaterThan(20);
  });

  it('stores older points in the 5-minute tier with the step, mean and peak rrddata served', async () => {
    const rows = await db.query<{ t: number; step: number; mem_avg: number; mem_max: number }[]>(
      'SELECT t, step, mem_avg, mem_max FROM analytics_ct_rollups WHERE vmid = 101 AND tier = 300 AND step > 300',
    );
    expect(rows.length).toBeGreaterThan(20);
    const [avg, max] = [await rrd('month'), await rrd('month', 'MAX')];
    const checked = rows.filter((r) => avg.has(r.t));
    expect(checked.length).toBeGreaterThan(10);
    for (const r of checked) {
      expect(r.mem_avg).toBe(Math.round(Number(avg.get(r.t)?.mem)));
      expect(r.mem_max).toBe(Math.round(Math.max(Number(max.get(r.t)?.mem), r.mem_avg)));
    }
  });

  it('serves the 24-hour chart from the backfilled samples', async () => {
    const res = await h.get('/api/analytics/containers/101?metric=cpu&range=24h');
    expect(res.status, res.text).toBe(200);
    expect(res.body.source).toBe('raw');
    expect(res.body.t.length).toBeGreaterThan(chartPoints);
  });
});
