import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleHarness } from '../support/console-harness.js';

/**
 * HA-managed CTs against pve-sim: a start or stop is only a request to the HA manager (an
 * hastart/hastop task that ends OK at once); the console calls the action done when
 * /cluster/resources shows the CT in that state. Speed 0.2: a 10 s CRM round takes 2 s.
 */
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole({ sim: { speed: 0.2 } });
  h.sim.guests.setHa(108, 'stopped');
  h.sim.guests.setHa(102, 'started');
});
afterAll(async () => h?.stop());

async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function activityOf(upid: string): Promise<{ result: string; message?: string }> {
  const page = await h.get('/api/activity?target=ct/108');
  return page.body.entries.find((e: { upid?: string }) => e.upid === upid);
}

describe('an HA-managed container', () => {
  it('shows its HA state', async () => {
    const detail = await h.get('/api/containers/108');
    expect(detail.body).toMatchObject({ vmid: 108, status: 'stopped', hastate: 'stopped' });
    const list = await h.get('/api/containers');
    const row = list.body.items.find((c: { vmid: number }) => c.vmid === 102);
    expect(row).toMatchObject({ hastate: 'started' });
  });

  it('reports a start as "HA: start requested" until the CT runs, then as done', async () => {
    const start = await h.post('/api/containers/108/start');
    expect(start.status, start.text).toBe(202);
    expect(start.body.upid).toContain(':hastart:108:');
    const task = await h.waitForTask(start.body.upid);
    expect(task).toMatchObject({ ok: true, ha: { action: 'start', progress: 'requested' } });
    expect(task.ha.message).toMatch(/^HA: start requested/);
    // the activity entry stays started while the HA manager works on it
    const pending = await until('activity noted', async () => {
      const entry = await activityOf(start.body.upid);
      return entry.message ? entry : undefined;
    });
    expect(pending).toMatchObject({
      result: 'started',
      message: expect.stringMatching(/^HA: start requested/),
    });
    const done = await until('HA start done', async () => {
      const now = await h.get(`/api/tasks/${encodeURIComponent(start.body.upid)}`);
      return now.body.ha.progress === 'done' ? now.body : undefined;
    });
    expect(done.ha.message).toBe('HA: start done, the CT is running');
    await until('activity ok', async () => (await activityOf(start.body.upid)).result === 'ok');
    expect((await h.get('/api/containers/108')).body.status).toBe('running');
  });

  it('stops it through the HA manager without overrule-shutdown', async () => {
    const before = h.sim.requests.length;
    const stop = await h.post('/api/containers/108/stop');
    expect(stop.status, stop.text).toBe(202);
    expect(stop.body.upid).toContain(':hastop:108:');
    const sent = h.sim.requests.slice(before).find((r) => r.path.endsWith('/108/status/stop'));
    expect(sent?.params).not.toHaveProperty('overrule-shutdown');
    await until('activity ok', async () => (await activityOf(stop.body.upid)).result === 'ok');
    expect((await h.get('/api/containers/108')).body).toMatchObject({
      status: 'stopped',
      hastate: 'stopped',
    });
  });
});
