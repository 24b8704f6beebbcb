import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { startTestSim, type SimClient } from './sim-client.js';

/**
 * HA-managed CTs as pve-container API2/LXC/Status.pm runs them: start/stop/shutdown only fork an
 * hastart/hastop worker that asks the HA manager and ends OK at once; the CRM and LRM change the
 * CT a little later (speed 0.05: a 10 s CRM round is 0.5 s).
 */
let sim: PveSimHandle;
let api: SimClient;
beforeAll(async () => {
  ({ sim, api } = await startTestSim({ speed: 0.05 }));
  sim.guests.setHa(108, 'stopped');
  sim.guests.setHa(101, 'started');
});
afterAll(async () => {
  await api.close();
  await sim.stop();
});

const ct = (node: string, vmid: number) => `/nodes/${node}/lxc/${vmid}`;
type Current = { status: string; ha: { managed: number; state?: string } };
const current = async (node: string, vmid: number) =>
  (await api.get(`${ct(node, vmid)}/status/current`)).body.data as Current;
const resource = async (vmid: number) =>
  ((await api.get('/cluster/resources')).body.data as Record<string, unknown>[]).find(
    (r) => r.vmid === vmid,
  )!;
const logOf = async (upid: string) =>
  (
    (await api.get(`/nodes/${upid.split(':')[1]}/tasks/${encodeURIComponent(upid)}/log`)).body
      .data as { t: string }[]
  ).map((l) => l.t);

async function until<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('HA resources', () => {
  it('shows hastate in /cluster/resources and ha.state in status/current', async () => {
    expect(await resource(108)).toMatchObject({ status: 'stopped', hastate: 'stopped' });
    expect((await current('pve2', 108)).ha).toEqual({ managed: 1, state: 'stopped' });
    expect((await current('pve2', 102)).ha).toEqual({ managed: 0 });
    expect((await resource(102)).hastate).toBeUndefined();
  });

  it('answers a start with an hastart task that ends OK before the CT runs', async () => {
    const res = await api.post(`${ct('pve2', 108)}/status/start`);
    expect(res.status).toBe(200);
    const upid = String(res.body.data);
    expect(upid).toContain(':hastart:108:');
    const task = await api.waitTask(upid);
    expect(task.exitstatus).toBe('OK');
    expect(await logOf(upid)).toEqual(['Requesting HA start for CT 108', 'TASK OK']);
    expect((await current('pve2', 108)).status).toBe('stopped');
    await until('CT 108 running', async () => (await resource(108)).status === 'running');
    expect(await resource(108)).toMatchObject({ hastate: 'started' });
    const tasks = (await api.get('/nodes/pve2/tasks', { vmid: 108 })).body.data as {
      type: string;
      user: string;
    }[];
    expect(tasks.find((t) => t.type === 'vzstart')).toMatchObject({ user: 'root@pam' });
  });

  it('answers stop and shutdown with hastop; the CRM shows request_stop before stopped', async () => {
    const res = await api.post(`${ct('pve1', 101)}/status/shutdown`, { timeout: 30 });
    const upid = String(res.body.data);
    expect(upid).toContain(':hastop:101:');
    expect((await api.waitTask(upid)).exitstatus).toBe('OK');
    expect(await logOf(upid)).toContain('Requesting HA stop for CT 101');
    await until('request_stop', async () => (await resource(101)).hastate === 'request_stop');
    await until('stopped', async () => (await resource(101)).status === 'stopped');
    expect((await current('pve1', 101)).ha.state).toBe('stopped');
  });

  it('refuses overrule-shutdown for an HA resource (400, as Status.pm vm_stop)', async () => {
    const res = await api.post(`${ct('pve2', 108)}/status/stop`, { 'overrule-shutdown': 1 });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({ 'overrule-shutdown': 'Not applicable for HA resources.' });
    expect((await current('pve2', 108)).status).toBe('running');
  });
});

describe('a task id the node does not know', () => {
  it('is a 400 naming the upid (API2/Tasks.pm raise_param_exc), not a 500', async () => {
    const upid = 'UPID:pve1:000ABCDE:00000001:65000000:vzstart:101:root@pam:';
    const res = await api.get(`/nodes/pve1/tasks/${encodeURIComponent(upid)}/status`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({ upid: 'no such task' });
  });
});
