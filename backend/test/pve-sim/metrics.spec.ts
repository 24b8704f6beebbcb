import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { startTestSim, type SimClient } from './sim-client.js';

type Row = Record<string, number | string>;

const T0 = Date.UTC(2026, 10, 26, 12, 0, 3);
let clock = T0;
let sim: PveSimHandle;
let api: SimClient;

beforeAll(async () => ({ sim, api } = await startTestSim({ now: () => clock, seed: 7 })));
afterAll(async () => {
  await api.close();
  await sim.stop();
});

async function current(vmid: number, node = 'pve1'): Promise<Row> {
  return (await api.get(`/nodes/${node}/lxc/${vmid}/status/current`)).body.data as Row;
}

async function resource(vmid: number): Promise<Row | undefined> {
  return ((await api.get('/cluster/resources', { type: 'vm' })).body.data as Row[]).find(
    (r) => r.vmid === vmid,
  );
}

const COUNTERS = ['netin', 'netout', 'diskread', 'diskwrite'] as const;

describe('live metrics', () => {
  it('agree between status/current, /cluster/resources and the node CT list', async () => {
    const cur = await current(101);
    const res = await resource(101);
    const listed = ((await api.get('/nodes/pve1/lxc')).body.data as Row[]).find(
      (r) => r.vmid === 101,
    );
    for (const key of ['cpu', 'mem', 'maxmem', 'disk', 'maxdisk', 'uptime', ...COUNTERS]) {
      expect(res?.[key], key).toBe(cur[key]);
      expect(listed?.[key], key).toBe(cur[key]);
    }
    expect(cur.cpu).toBeGreaterThan(0);
  });

  it('change only on the 10 s pvestatd tick, and counters only grow', async () => {
    const a = await current(101);
    clock += 4_000;
    expect(await current(101)).toEqual(a);
    clock += 6_000;
    const b = await current(101);
    expect(b.uptime).toBe(Number(a.uptime) + 10);
    for (const k of COUNTERS) expect(Number(b[k])).toBeGreaterThan(Number(a[k]));
    expect(b.cpu).not.toBe(a.cpu);
  });

  it('reset the counters when the CT restarts', async () => {
    const before = await current(101);
    await api.waitTask(String((await api.post('/nodes/pve1/lxc/101/status/stop')).body.data));
    expect(await current(101)).toMatchObject({ status: 'stopped', cpu: 0, netin: 0, uptime: 0 });
    await api.waitTask(String((await api.post('/nodes/pve1/lxc/101/status/start')).body.data));
    clock += 20_000;
    const after = await current(101);
    expect(after.uptime).toBeLessThanOrEqual(30);
    for (const k of COUNTERS) expect(Number(after[k])).toBeLessThan(Number(before[k]));
  });

  it('agree between the three node views', async () => {
    const nodes = (await api.get('/nodes')).body.data as Row[];
    const res = ((await api.get('/cluster/resources', { type: 'node' })).body.data as Row[]).find(
      (r) => r.node === 'pve2',
    );
    const status = (await api.get('/nodes/pve2/status')).body.data as {
      cpu: number;
      memory: { used: number };
    };
    const listed = nodes.find((n) => n.node === 'pve2');
    expect(listed?.cpu).toBe(res?.cpu);
    expect(status.cpu).toBe(res?.cpu);
    expect(status.memory.used).toBe(res?.mem);
  });
});

describe('rrddata', () => {
  const frames: [string, number, number][] = [
    ['hour', 60, 60],
    ['day', 60, 1440],
    ['week', 1800, 336],
    ['month', 1800, 1440],
    ['year', 21600, 1440],
  ];

  it.each(frames)(
    'CT %s: %i s steps, %i points, for AVERAGE and MAX',
    async (timeframe, step, count) => {
      for (const cf of ['AVERAGE', 'MAX']) {
        const points = (await api.get('/nodes/pve2/lxc/102/rrddata', { timeframe, cf })).body
          .data as Row[];
        expect(points).toHaveLength(count);
        expect(Number(points[1].time) - Number(points[0].time)).toBe(step);
        expect(points.every((p) => Number(p.time) % step === 0)).toBe(true);
      }
    },
  );

  it.each([...frames, ['decade', 604800, 570]] as [string, number, number][])(
    'node %s: %i s steps, %i points',
    async (timeframe, step, count) => {
      const points = (await api.get('/nodes/pve1/rrddata', { timeframe })).body.data as Row[];
      expect(points).toHaveLength(count);
      expect(Number(points.at(-1)!.time) - Number(points.at(-2)!.time)).toBe(step);
      expect(points.at(-2)).toHaveProperty('loadavg');
    },
  );

  it('holds history from before the simulator started, and leaves out absent sources', async () => {
    const points = (await api.get('/nodes/pve2/lxc/102/rrddata', { timeframe: 'day' })).body
      .data as Row[];
    const started = T0 / 1000;
    const old = points.filter((p) => Number(p.time) + 60 < started);
    expect(old.length).toBeGreaterThan(1000);
    expect(old.every((p) => typeof p.cpu === 'number' && typeof p.netin === 'number')).toBe(true);
    expect(Object.keys(points.at(-1)!).sort()).toEqual(['maxcpu', 'maxdisk', 'maxmem', 'time']);
    const decade = (await api.get('/nodes/pve1/rrddata', { timeframe: 'decade' })).body
      .data as Row[];
    expect(Object.keys(decade[0])).toEqual(['time']);
  });

  it('gives per-second rates that match the growth of the live counters', async () => {
    const a = await current(102, 'pve2');
    clock += 600_000;
    const b = await current(102, 'pve2');
    const points = (await api.get('/nodes/pve2/lxc/102/rrddata', { timeframe: 'hour' })).body
      .data as Row[];
    const nowSec = clock / 1000;
    const window = points.filter(
      (p) => Number(p.time) >= nowSec - 600 && Number(p.time) + 60 <= nowSec,
    );
    const meanRate = window.reduce((s, p) => s + Number(p.netin), 0) / window.length;
    const counterRate = (Number(b.netin) - Number(a.netin)) / (Number(b.uptime) - Number(a.uptime));
    expect(Math.abs(meanRate - counterRate) / counterRate).toBeLessThan(0.1);
    const mem = points.at(-2)!.mem as number;
    expect(Math.abs(mem - Number(b.mem)) / Number(b.maxmem)).toBeLessThan(0.2);
  });

  it('MAX is never below AVERAGE', async () => {
    const avg = (await api.get('/nodes/pve2/lxc/102/rrddata', { timeframe: 'week' })).body
      .data as Row[];
    const max = (await api.get('/nodes/pve2/lxc/102/rrddata', { timeframe: 'week', cf: 'MAX' }))
      .body.data as Row[];
    avg.forEach((p, i) => {
      if (typeof p.cpu === 'number')
        expect(Number(max[i].cpu)).toBeGreaterThanOrEqual(p.cpu - 1e-9);
    });
  });
});

describe('determinism', () => {
  it('gives the same answers for the same seed and clock, different ones for another seed', async () => {
    const same = await startTestSim({ now: () => clock, seed: 7 });
    const other = await startTestSim({ now: () => clock, seed: 8 });
    const read = async (c: SimClient) =>
      ((await c.get('/nodes/pve3/lxc/104/rrddata', { timeframe: 'day' })).body.data as Row[]).slice(
        0,
        1400,
      );
    expect(await read(same.api)).toEqual(await read(api));
    expect(await read(other.api)).not.toEqual(await read(api));
    for (const s of [same, other]) {
      await s.api.close();
      await s.sim.stop();
    }
  });
});
