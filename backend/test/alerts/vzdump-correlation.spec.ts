import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimClient } from '../pve-sim/sim-client.js';
import type { ConsoleHarness } from '../support/console-harness.js';
import { type SimConsole, startSimConsole } from '../support/sim-console.js';

let env: SimConsole;
let pve: SimClient;
let h: ConsoleHarness;
const cycle = () => env.cycle();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  // speed 0.5: a vzdump takes ~4 s, long enough for a cycle to see the CT stopped by it
  env = await startSimConsole(0.5);
  ({ pve, h } = env);
});

afterAll(async () => {
  await env?.stop();
});

describe('container-down correlation with a backup in stop mode (pve-sim vzdump)', () => {
  it('a vzdump in stop mode started in Proxmox by another user fires nothing, and ends when the CT runs again', async () => {
    const rows = (await pve.get('/cluster/resources', { type: 'vm' })).body.data as any[];
    const ct = rows.find((r) => r.type === 'lxc' && r.status === 'running' && !r.template);
    await cycle();
    const status = async () => {
      const res = await pve.get(`/nodes/${ct.node}/lxc/${ct.vmid}/status/current`);
      return (res.body.data as { status: string }).status;
    };
    const res = await pve.post(`/nodes/${ct.node}/vzdump`, {
      vmid: String(ct.vmid),
      mode: 'stop',
      storage: 'local',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    for (let i = 0; i < 100 && (await status()) !== 'stopped'; i++) await sleep(20);
    expect(await status()).toBe('stopped');
    await cycle();
    const about = async () =>
      ((await h.get('/api/alerts')).body.items as any[]).filter((a) => a.subject.vmid === ct.vmid);
    const mine = await about();
    expect(mine.map((a) => a.state)).toEqual(['suppressed']);
    expect(mine[0].explanation).toMatch(/(backup|vzdump).*; not alerted$/);
    for (let i = 0; i < 600 && (await status()) !== 'running'; i++) await sleep(20);
    expect(await status()).toBe('running');
    await cycle();
    expect((await about()).map((a) => [a.state, !!a.endsAt])).toEqual([['suppressed', true]]);
    expect((await h.get('/api/alerts?state=firing')).body.firing).toBe(0);
  });
});
