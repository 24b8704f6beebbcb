import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import type { SimClient } from '../pve-sim/sim-client.js';
import type { ConsoleHarness } from '../support/console-harness.js';
import { type SimConsole, startSimConsole } from '../support/sim-console.js';

let env: SimConsole;
let sim: PveSimHandle;
let pve: SimClient;
let h: ConsoleHarness;
const cycle = () => env.cycle();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  // speed 0.05: a 10 s CRM round is 0.5 s, so the LRM stops the CT soon after the hastop task
  env = await startSimConsole(0.05);
  ({ sim, pve, h } = env);
});

afterAll(async () => {
  await env?.stop();
});

describe('container-down correlation with an HA stop (pve-sim HA resources)', () => {
  it('an HA-requested stop made in Proxmox by another user fires nothing, and the record says HA', async () => {
    const rows = (await pve.get('/cluster/resources', { type: 'vm' })).body.data as any[];
    const ct = rows.find((r) => r.type === 'lxc' && r.status === 'running' && !r.template);
    sim.guests.setHa(ct.vmid, 'started');
    await cycle();
    const status = async () => {
      const res = await pve.get(`/nodes/${ct.node}/lxc/${ct.vmid}/status/current`);
      return res.body.data as { status: string; ha: { managed: number; state?: string } };
    };
    expect((await status()).ha).toMatchObject({ managed: 1, state: 'started' });
    // an HA-managed CT's stop is only a request: an hastop task that ends OK at once, then the
    // CRM/LRM stop the CT a round later (a vzstop worker as root@pam)
    const res = await pve.post(`/nodes/${ct.node}/lxc/${ct.vmid}/status/stop`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(String(res.body.data)).toContain(`:hastop:${ct.vmid}:`);
    for (let i = 0; i < 200 && (await status()).status !== 'stopped'; i++) await sleep(20);
    expect(await status()).toMatchObject({
      status: 'stopped',
      ha: { managed: 1, state: 'stopped' },
    });
    await cycle();
    const mine = ((await h.get('/api/alerts')).body.items as any[]).filter(
      (a) => a.subject.vmid === ct.vmid,
    );
    expect(mine.map((a) => a.state)).toEqual(['suppressed']);
    // HA explains it, not merely the LRM's vzstop worker as root@pam
    expect(mine[0].explanation).toMatch(/HA.*; not alerted$/);
    expect((await h.get('/api/alerts?state=firing')).body.firing).toBe(0);
  });
});
