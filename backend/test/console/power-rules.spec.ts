import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ActivityService } from '../../src/activity/activity.service.js';
import { startConsole, type ConsoleHarness } from '../support/console-harness.js';

/** Locks, shutdown options and overrule-shutdown through the console, against pve-sim. */
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => {
  await h?.stop();
});
afterEach(() => {
  h.sim.guests.setLock(101, undefined);
  h.sim.guests.setIgnoresShutdown(103, false);
});

const powerCalls = (vmid: number) =>
  h.sim.requests.filter((r) => r.method === 'POST' && r.path.includes(`/lxc/${vmid}/status/`));

describe('a locked container', () => {
  it('answers 409 naming the lock before Proxmox is asked', async () => {
    h.sim.guests.setLock(101, 'backup');
    const before = powerCalls(101).length;
    for (const action of ['stop', 'shutdown', 'reboot']) {
      const res = await h.post(`/api/containers/101/${action}`);
      expect(res.status).toBe(409);
      expect(res.body.message).toContain('locked (backup)');
      expect(res.body.lock).toBe('backup');
    }
    expect(powerCalls(101).length).toBe(before);
  });
});

describe('shutdown', () => {
  it("sends PVE's 60 s timeout by default and the caller's timeout and forceStop", async () => {
    const plain = await h.post('/api/containers/103/shutdown');
    expect(plain.status, plain.text).toBe(202);
    await h.waitForTask(plain.body.upid);
    expect(powerCalls(103).at(-1)?.params).toMatchObject({ timeout: '60' });
    await h.waitForTask((await h.post('/api/containers/103/start')).body.upid);

    h.sim.guests.setIgnoresShutdown(103, true);
    const forced = await h.post('/api/containers/103/shutdown', { timeout: 2, forceStop: true });
    expect(forced.status, forced.text).toBe(202);
    expect((await h.waitForTask(forced.body.upid)).ok).toBe(true);
    expect(powerCalls(103).at(-1)?.params).toMatchObject({ timeout: '2', forceStop: '1' });
    expect((await h.get('/api/containers/103')).body.status).toBe('stopped');
    await h.waitForTask((await h.post('/api/containers/103/start')).body.upid);
  });

  it('refuses a negative timeout with 400', async () => {
    const res = await h.post('/api/containers/103/shutdown', { timeout: -1 });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('timeout');
  });

  it('ends a pending shutdown with a stop (overrule-shutdown on PVE 9)', async () => {
    h.sim.guests.setIgnoresShutdown(103, true);
    const shutdown = await h.post('/api/containers/103/shutdown');
    const stop = await h.post('/api/containers/103/stop');
    expect(stop.status, stop.text).toBe(202);
    expect(powerCalls(103).at(-1)?.params).toMatchObject({ 'overrule-shutdown': '1' });
    expect((await h.waitForTask(stop.body.upid)).ok).toBe(true);
    expect((await h.waitForTask(shutdown.body.upid)).exitstatus).toBe('received interrupt');
    await h.waitForTask((await h.post('/api/containers/103/start')).body.upid);
  });
});

describe('on PVE 8.1, without overrule-shutdown', () => {
  let old: ConsoleHarness;
  beforeAll(async () => {
    old = await startConsole({ sim: { pveVersion: '8.1' } });
  });
  afterAll(async () => {
    await old?.stop();
  });

  it('sends a plain stop, whose task fails on the config lock and shows as locked', async () => {
    old.sim.guests.setIgnoresShutdown(103, true);
    const shutdown = await old.post('/api/containers/103/shutdown', { timeout: 30 });
    const stop = await old.post('/api/containers/103/stop');
    expect(stop.status, stop.text).toBe(202);
    const last = old.sim.requests.filter((r) => r.path.endsWith('/lxc/103/status/stop')).at(-1);
    expect(last?.params).not.toHaveProperty('overrule-shutdown');
    const task = await old.waitForTask(stop.body.upid);
    expect(task.ok).toBe(false);
    expect(task.lockedBy).toBe('config');
    await old.app.get(ActivityService).settle();
    const feed = await old.get('/api/activity?action=stop');
    expect(feed.body.entries[0]).toMatchObject({ action: 'stop', result: 'locked' });
    await old.waitForTask(shutdown.body.upid);
  });
});
