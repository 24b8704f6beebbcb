import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { loadScenario } from '../../pve-sim/src/cluster/scenario.js';
import { startTestSim, type SimClient } from './sim-client.js';

type Row = Record<string, number | string>;

const NOW = Date.UTC(2026, 10, 26, 12, 7, 13);
const sims: { sim: PveSimHandle; api: SimClient }[] = [];

async function start(
  options: Parameters<typeof startTestSim>[0],
): Promise<{ sim: PveSimHandle; api: SimClient }> {
  const started = await startTestSim({ now: () => NOW, ...options });
  sims.push(started);
  return started;
}

afterAll(async () => {
  for (const { sim, api } of sims) {
    await api.close();
    await sim.stop();
  }
});

async function steps(api: SimClient, path: string, timeframe: string): Promise<Set<number>> {
  const res = await api.get(path, { timeframe });
  expect(res.status, res.statusText).toBe(200);
  const times = (res.body.data as Row[]).map((p) => Number(p.time));
  return new Set(times.slice(1).map((t, i) => t - times[i]));
}

describe('PVE 9.1 (the default)', () => {
  let api: SimClient;
  beforeAll(async () => ({ api } = await start({})));

  it('answers /version 9.1 and serves the pve-*-9.0 RRD steps', async () => {
    expect((await api.get('/version')).body.data).toMatchObject({ release: '9.1' });
    expect(await steps(api, '/nodes/pve1/lxc/101/rrddata', 'day')).toEqual(new Set([60]));
    expect(await steps(api, '/nodes/pve1/rrddata', 'week')).toEqual(new Set([1800]));
  });
});

describe('PVE 8.4 (--pve-version 8.4)', () => {
  let api: SimClient;
  beforeAll(async () => ({ api } = await start({ pveVersion: '8.4' })));

  it('answers /version and the node status with 8.4', async () => {
    expect((await api.get('/version')).body.data).toMatchObject({
      version: '8.4.1',
      release: '8.4',
    });
    const status = (await api.get('/nodes/pve1/status')).body.data as Row;
    expect(status.pveversion).toMatch(/^pve-manager\/8\.4\.1\//);
  });

  it.each([
    ['hour', 60],
    ['day', 1800],
    ['week', 10_800],
    ['month', 43_200],
    ['year', 604_800],
  ])('serves the pve2 RRD archive for %s: %i s points, 70 of them', async (timeframe, step) => {
    for (const path of ['/nodes/pve1/lxc/101/rrddata', '/nodes/pve1/rrddata']) {
      const points = (await api.get(path, { timeframe })).body.data as Row[];
      expect(points).toHaveLength(70);
      expect(await steps(api, path, timeframe)).toEqual(new Set([step]));
      expect(points.every((p) => Number(p.time) % step === 0)).toBe(true);
    }
  });

  it('rejects the decade timeframe PVE 9 added, like its schema validation', async () => {
    const res = await api.get('/nodes/pve1/rrddata', { timeframe: 'decade' });
    expect(res.status).toBe(400);
    expect(res.body.errors?.timeframe).toMatch(
      /value 'decade' does not have a value in the enumeration/,
    );
  });

  it('accepts overrule-shutdown on stop (pve-container 5.0.10, PVE 8.2)', async () => {
    const res = await api.post('/nodes/pve1/lxc/101/status/stop', { 'overrule-shutdown': 1 });
    expect(res.status, res.statusText).toBe(200);
  });
});

describe('PVE 8.1 (from the scenario file)', () => {
  let api: SimClient;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pve-sim-scenario-'));
    const file = join(dir, 'old.json');
    writeFileSync(file, JSON.stringify({ ...loadScenario('tiny'), pveVersion: '8.1' }));
    ({ api } = await start({ scenario: file }));
  });

  it('answers /version 8.1 and has no overrule-shutdown yet: 400 like an unknown parameter', async () => {
    expect((await api.get('/version')).body.data).toMatchObject({ release: '8.1' });
    const res = await api.post('/nodes/pve/lxc/101/status/stop', { 'overrule-shutdown': 1 });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({
      'overrule-shutdown':
        'property is not defined in schema and the schema does not allow additional properties',
    });
  });

  it('refuses an unknown release at start', async () => {
    await expect(startTestSim({ pveVersion: '7.4' })).rejects.toThrow(/unknown PVE version '7.4'/);
  });
});

describe('PVE 9.1 on a node upgraded from 8.4 three hours ago', () => {
  let api: SimClient;
  const upgradedAt = Math.floor(NOW / 1000) - 3 * 3600;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pve-sim-scenario-'));
    const file = join(dir, 'upgraded.json');
    const tiny = loadScenario('tiny');
    const nodes = tiny.nodes.map((n) => ({ ...n, upgradedHoursAgo: 3 }));
    writeFileSync(file, JSON.stringify({ ...tiny, nodes }));
    ({ api } = await start({ scenario: file }));
  });

  it('mixes the old file (30-minute points) and the new one (minute points) in one day answer', async () => {
    const points = (await api.get('/nodes/pve/lxc/101/rrddata', { timeframe: 'day' })).body
      .data as Row[];
    const times = points.map((p) => Number(p.time));
    const old = times.filter((t) => t <= upgradedAt - 1800);
    expect(old.length).toBeGreaterThan(60);
    expect(old.every((t) => t % 1800 === 0)).toBe(true);
    const fresh = times.filter((t) => t >= Math.floor(upgradedAt / 60) * 60);
    expect(fresh.length).toBe(3 * 60 + 1);
    expect(new Set(fresh.slice(1).map((t, i) => t - fresh[i]))).toEqual(new Set([60]));
    // the old file's bucket its last update fell into was never consolidated: only its time
    const last = points.find((p) => Number(p.time) === Math.floor(upgradedAt / 1800) * 1800);
    expect(last).toBeDefined();
    expect(last?.cpu).toBeUndefined();
  });

  it('answers from the new file alone once the request starts after the upgrade', async () => {
    expect(await steps(api, '/nodes/pve/lxc/101/rrddata', 'hour')).toEqual(new Set([60]));
  });
});
