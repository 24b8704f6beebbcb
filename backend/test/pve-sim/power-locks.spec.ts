import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { startTestSim, type SimClient } from './sim-client.js';

/** pve-container API2/LXC/Status.pm: power calls answer 200; the worker checks the lock. */
let sim: PveSimHandle;
let api: SimClient;
// speed 0.01: a 60 s shutdown timeout lasts 0.65 s, the 10 s config-lock wait 0.1 s
beforeAll(async () => ({ sim, api } = await startTestSim({ speed: 0.01 })));
afterAll(async () => {
  await api.close();
  await sim.stop();
});

const ct = (node: string, vmid: number) => `/nodes/${node}/lxc/${vmid}`;
type Status = { status: string; lock?: string };
const current = async (node: string, vmid: number) =>
  (await api.get(`${ct(node, vmid)}/status/current`)).body.data as Status;
const logOf = async (upid: string) =>
  (
    (await api.get(`/nodes/${upid.split(':')[1]}/tasks/${encodeURIComponent(upid)}/log`)).body
      .data as { t: string }[]
  ).map((l) => l.t);

describe('a CT locked by a backup', () => {
  beforeAll(() => sim.guests.setLock(101, 'backup'));
  afterAll(() => sim.guests.setLock(101, undefined));

  it('accepts stop and shutdown with a UPID, and the task fails "CT is locked (backup)"', async () => {
    for (const action of ['stop', 'shutdown']) {
      const res = await api.post(`${ct('pve1', 101)}/status/${action}`);
      expect(res.status).toBe(200);
      const task = await api.waitTask(String(res.body.data));
      expect(task.exitstatus).toBe('CT is locked (backup)');
    }
    expect((await current('pve1', 101)).status).toBe('running');
  });

  it('refuses DELETE up front', async () => {
    const res = await api.request('DELETE', ct('pve1', 101));
    expect(res.status).toBe(500);
    expect(res.statusText).toBe('CT is locked (backup)');
  });

  it('is stopped by a reboot whose start then fails (the prestart hook checks the lock)', async () => {
    const res = await api.post(`${ct('pve1', 101)}/status/reboot`);
    expect(res.status).toBe(200);
    const task = await api.waitTask(String(res.body.data));
    expect(task.exitstatus).toBe("command 'systemctl start pve-container@101' failed: exit code 1");
    expect(await current('pve1', 101)).toMatchObject({ status: 'stopped', lock: 'backup' });
  });
});

describe('shutdown timeout and forceStop', () => {
  beforeAll(() => sim.guests.setIgnoresShutdown(102, true));
  afterAll(() => sim.guests.setIgnoresShutdown(102, false));

  it('fails "container did not stop" after the timeout and leaves the CT running', async () => {
    const res = await api.post(`${ct('pve2', 102)}/status/shutdown`, { timeout: 5 });
    const task = await api.waitTask(String(res.body.data));
    expect(task.exitstatus).toBe('container did not stop');
    expect((await current('pve2', 102)).status).toBe('running');
  });

  it('kills the CT after the timeout with forceStop', async () => {
    const res = await api.post(`${ct('pve2', 102)}/status/shutdown`, { timeout: 5, forceStop: 1 });
    expect((await api.waitTask(String(res.body.data))).exitstatus).toBe('OK');
    expect((await current('pve2', 102)).status).toBe('stopped');
    await api.waitTask(String((await api.post(`${ct('pve2', 102)}/status/start`)).body.data));
  });
});

describe('stop during a pending shutdown', () => {
  beforeAll(() => sim.guests.setIgnoresShutdown(103, true));
  afterAll(() => sim.guests.setIgnoresShutdown(103, false));

  it('waits for the config lock and gives up after 10 s without overrule-shutdown', async () => {
    const shutdown = await api.post(`${ct('pve1', 103)}/status/shutdown`);
    const stop = await api.post(`${ct('pve1', 103)}/status/stop`);
    expect(stop.status).toBe(200);
    expect((await api.waitTask(String(stop.body.data))).exitstatus).toBe(
      "can't lock file '/run/lock/lxc/pve-config-103.lock' - got timeout",
    );
    await api.waitTask(String(shutdown.body.data));
  });

  it('aborts the shutdown and stops the CT with overrule-shutdown=1', async () => {
    const shutdown = String((await api.post(`${ct('pve1', 103)}/status/shutdown`)).body.data);
    const stop = await api.post(`${ct('pve1', 103)}/status/stop`, { 'overrule-shutdown': 1 });
    const upid = String(stop.body.data);
    expect((await api.waitTask(upid)).exitstatus).toBe('OK');
    expect((await api.waitTask(shutdown)).exitstatus).toBe('received interrupt');
    expect(await logOf(upid)).toContain(`overruled vzshutdown tasks: ${shutdown}`);
    expect((await current('pve1', 103)).status).toBe('stopped');
  });
});
