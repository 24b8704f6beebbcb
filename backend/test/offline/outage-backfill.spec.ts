import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { BackfillService } from '../../src/analytics/backfill.service.js';
import type { AnalyticsSeriesDto } from '../../src/analytics/dto/series.dto.js';
import { LiveMetricsService } from '../../src/analytics/live-metrics.service.js';
import { ProxmoxClient } from '../../src/proxmox/proxmox.client.js';
import { startConsole, type ConsoleHarness } from '../support/console-harness.js';
import { CYCLE_S, OFFLINE_ENV, waitFor } from './support/offline-client.js';

/**
 * PVE's finest RRD step is 60 s, so an outage of a few wall-clock seconds holds no RRD point. The
 * console and pve-sim run in this process and both read `Date`, so the test moves that one clock
 * forward by OUTAGE_S while Proxmox is down: to both sides the outage really lasted that long.
 */
const OUTAGE_S = 600;
const RRD_STEP_S = 60;
const VMID = 101;

interface Row {
  t: number;
  step: number;
  cpu: number | null;
}

const RealDate = Date;
let offsetMs = 0;

/** `Date` with real time passing, plus offsetMs. */
class ShiftedDate extends RealDate {
  constructor(...args: ConstructorParameters<DateConstructor> | []) {
    if (args.length === 0) super(RealDate.now() + offsetMs);
    else super(...args);
  }
  static override now(): number {
    return RealDate.now() + offsetMs;
  }
}

let h: ConsoleHarness;
let live: LiveMetricsService;
let backfill: BackfillService;
let lastBefore: number;
let firstAfter: number;

function rows(from: number, to: number): Promise<Row[]> {
  return h.app
    .get(DataSource)
    .query(
      'SELECT t, step, cpu FROM analytics_ct_samples WHERE vmid = ? AND t >= ? AND t <= ? ORDER BY t',
      [VMID, from, to],
    );
}

/** Waits for a successful collection cycle stamped after `t`, then for the backfill it queued. */
async function cycleAfter(t: number, timeoutMs: number): Promise<number> {
  let at = 0;
  await waitFor(
    `a cycle after ${t}`,
    () => Promise.resolve((at = live.health.lastSuccess ?? 0) > t),
    timeoutMs,
  );
  await backfill.drain();
  return at;
}

beforeAll(async () => {
  globalThis.Date = ShiftedDate as DateConstructor;
  h = await startConsole({ env: OFFLINE_ENV, sim: { now: () => Date.now() } });
  live = h.app.get(LiveMetricsService);
  backfill = h.app.get(BackfillService);
  // the first cycles see every container for the first time and backfill its whole history
  await cycleAfter(0, 10_000);
  await cycleAfter(live.health.lastSuccess ?? 0, 10_000);
});
afterAll(async () => {
  await h?.sim.faults.setDown(false);
  await h?.stop();
  globalThis.Date = RealDate;
});

describe('the history gap of a Proxmox outage', () => {
  it('is recorded as a gap while Proxmox is down', async () => {
    await h.sim.faults.setDown(true);
    offsetMs += OUTAGE_S * 1000;
    const errors = live.health.errors;
    await waitFor('failed cycles', () => Promise.resolve(live.health.errors >= errors + 2), 10_000);
    // read only now: a cycle already in flight when Proxmox went down may still have landed
    lastBefore = live.health.lastSuccess as number;
    await h.sim.faults.setDown(false);
    firstAfter = await cycleAfter(lastBefore + OUTAGE_S, 15_000);
    expect(firstAfter - lastBefore).toBeGreaterThan(OUTAGE_S);
  }, 30_000);

  it('is filled from rrddata with points at the RRD step, inside the gap only', async () => {
    const stored = await rows(lastBefore, firstAfter);
    expect(stored[0].t).toBe(lastBefore);
    const filled = stored.filter((r) => r.t > lastBefore && r.t < firstAfter);
    // every minute bucket that lies wholly inside the gap, and no other point
    const first = Math.floor(lastBefore / RRD_STEP_S) * RRD_STEP_S + RRD_STEP_S;
    const last = Math.floor(firstAfter / RRD_STEP_S) * RRD_STEP_S - RRD_STEP_S;
    const want = Array.from({ length: (last - first) / RRD_STEP_S + 1 }, (_, i) => first + i * 60);
    expect(want.length).toBeGreaterThanOrEqual(OUTAGE_S / RRD_STEP_S - 1);
    expect(filled.map((r) => r.t)).toEqual(want);
    expect(new Set(filled.map((r) => r.step))).toEqual(new Set([RRD_STEP_S]));
    expect(filled.every((r) => r.cpu !== null)).toBe(true);
  });

  it('keeps collected points and backfilled points apart: no timestamp twice, no overlap', async () => {
    const all = await rows(lastBefore - 120, firstAfter + 2 * CYCLE_S);
    const times = all.map((r) => r.t);
    expect(new Set(times).size).toBe(times.length);
    const collected = all.filter((r) => r.step === CYCLE_S).map((r) => r.t);
    expect(collected).toContain(lastBefore);
    expect(collected).toContain(firstAfter);
    for (const p of all.filter((r) => r.step === RRD_STEP_S)) {
      const inside = collected.filter((t) => t >= p.t && t < p.t + RRD_STEP_S);
      expect(inside, `collected samples inside the RRD point at ${p.t}`).toEqual([]);
    }
  });

  it('holds the values PVE serves for those minutes', async () => {
    const rrd = await h.app.get(ProxmoxClient).getContainerRrd('pve1', VMID, 'hour', 'AVERAGE');
    const filled = (await rows(lastBefore + 1, firstAfter - 1)).filter((r) => r.step === 60);
    expect(filled.length).toBeGreaterThan(0);
    for (const p of filled) {
      const served = rrd.find((point) => point.time === p.t);
      expect(served?.cpu, `cpu at ${p.t}`).toBeCloseTo(p.cpu as number, 9);
    }
  });

  it('shows the outage window as a continuous chart through the analytics API', async () => {
    const res = await h.get<AnalyticsSeriesDto>(
      `/api/analytics/containers/${VMID}?metric=cpu&from=${lastBefore}&to=${firstAfter + 1}`,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body.source).toBe('raw');
    const gaps = res.body.t.slice(1).map((t, i) => t - res.body.t[i]);
    expect(Math.max(...gaps), 'largest distance between two chart points').toBeLessThanOrEqual(
      RRD_STEP_S + res.body.step,
    );
    expect(res.body.t[res.body.t.length - 1] - res.body.t[0]).toBeGreaterThanOrEqual(OUTAGE_S);
  });
});
