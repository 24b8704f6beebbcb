import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { PlansClock } from '../../src/plans/plans-clock.js';
import type { ConsoleHarness } from '../support/console-harness.js';
import {
  POOL_SCOPED,
  type PlanBody,
  type PoolScopedConsole,
  byVmid,
  createPlan,
  settledPlan,
  startPoolScopedConsole,
} from './support/pool-scoped-console.js';

let scoped: PoolScopedConsole;
let sim: PveSimHandle;
let h: ConsoleHarness;

beforeAll(async () => {
  scoped = await startPoolScopedConsole('plans@pve!scoped');
  ({ sim, h } = scoped);
});
afterAll(() => scoped.stop());

const plan = (body: Record<string, unknown>): Promise<PlanBody> => createPlan(h, body);
const settled = (id: string): Promise<PlanBody> => settledPlan(h, id);
const setTokenAcl = (privileges: Record<string, string[]>): Promise<void> =>
  scoped.setTokenAcl(privileges);

describe('POST /api/plans', () => {
  it('judges every target of a selector with the pool-scoped token, sending nothing', async () => {
    const before = sim.requests.filter((r) => r.method !== 'GET').length;
    const p = await plan({ action: 'stop', selector: 'tag:prod' });
    expect(p).toMatchObject({ action: 'stop', state: 'planned' });
    expect(Date.parse(p.expiresAt) - Date.parse(p.createdAt)).toBe(15 * 60_000);
    const t = byVmid(p);
    expect(Object.keys(t).map(Number)).toEqual([101, 102, 103, 104]);
    expect(t[101]).toMatchObject({ name: 'web-1', node: 'pve1', allowed: true, status: 'pending' });
    expect(t[102]).toMatchObject({ allowed: true, status: 'pending' });
    expect(t[103]).toMatchObject({
      allowed: false,
      status: 'skipped',
      reason: 'The Proxmox token lacks VM.PowerMgmt on /vms/103',
    });
    expect(t[104].reason).toBe('The Proxmox token lacks VM.PowerMgmt on /vms/104');
    expect(sim.requests.filter((r) => r.method !== 'GET').length).toBe(before);
  });

  it('warns about targets already in the target state and leaves them out', async () => {
    const p = await plan({ action: 'start', vmids: [101, 108, 112] });
    const t = byVmid(p);
    expect(t[101].warnings).toEqual([{ code: 'skipped', message: 'already running: skipped' }]);
    expect(t[101].status).toBe('skipped');
    // 108 is stopped but outside the token's reach; 112 is a template
    expect(t[108]).toMatchObject({ allowed: false, status: 'skipped' });
    expect(t[112].warnings.map((w) => w.code)).toEqual(['skipped']);
    expect(t[112].warnings[0].message).toContain('template');
  });

  it("checks the console user's role too", async () => {
    const viewer = await h.loginAs('viewer');
    const res = await viewer.post<PlanBody>('/api/plans', { action: 'reboot', vmids: [101] });
    expect(res.status, res.text).toBe(201);
    expect(res.body.targets[0]).toMatchObject({
      allowed: false,
      reason: 'Your console role viewer may not reboot; it needs operator',
    });
    const run = await viewer.post(`/api/plans/${res.body.id}/execute`, {});
    expect(run.status).toBe(403);
    const operator = await h.loginAs('operator');
    const del = await operator.post<PlanBody>('/api/plans', { action: 'delete', vmids: [108] });
    expect(del.body.targets[0].reason).toBe('The Proxmox token lacks VM.Allocate on /vms/108');
  });

  it('refuses what it cannot plan with a 400 that says why', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ action: 'stop' }, /either selector or vmids/],
      [{ action: 'stop', selector: 'tag:web', vmids: [101] }, /either selector or vmids/],
      [{ action: 'stop', selector: '' }, /empty selector/],
      [{ action: 'stop', selector: 'colour:red' }, /Unknown selector key/],
      [{ action: 'stop', vmids: [101, 200, 999] }, /No such container: 200, 999/],
      [{ action: 'hibernate', vmids: [101] }, /action must be one of/],

      [{ action: 'stop', vmids: [101], params: { force: 'yes' } }, /force must be true or false/],
      [{ action: 'stop', vmids: [101], extra: 1 }, /should not exist/],
    ];
    for (const [body, message] of cases) {
      const res = await h.post('/api/plans', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.message, JSON.stringify(body)).toMatch(message);
    }
    expect((await h.get('/api/plans/not-a-plan')).status).toBe(400);
    expect((await h.get(`/api/plans/${randomUUID()}`)).status).toBe(404);
  });
});

describe('POST /api/plans/{id}/execute', () => {
  it('runs target by target with per-target results, a failure in the middle included', async () => {
    const p = await plan({ action: 'stop', vmids: [101, 102, 103, 106] });
    sim.faults.setNodeOffline('pve2', true);
    try {
      const res = await h.post<PlanBody>(`/api/plans/${p.id}/execute`, { concurrency: 1 });
      expect(res.status, res.text).toBe(202);
      expect(res.body.state).toBe('running');
      const done = await settled(p.id);
      expect(done.state).toBe('failed');
      const t = byVmid(done);
      expect(t[101]).toMatchObject({ status: 'ok', upid: expect.stringContaining(':vzstop:101:') });
      expect(t[102].status).toBe('failed');
      expect(t[102].error).toMatch(/pve2/);
      expect(t[103]).toMatchObject({
        status: 'skipped',
        error: expect.stringContaining('/vms/103'),
      });
      expect(t[106].status).toBe('ok');
    } finally {
      sim.faults.setNodeOffline('pve2', false);
    }
    const statuses = (await h.get<{ items: { vmid: number; status: string }[] }>('/api/containers'))
      .body.items;
    expect(statuses.find((c) => c.vmid === 101)?.status).toBe('stopped');
    expect(statuses.find((c) => c.vmid === 103)?.status).toBe('running');
  });

  it('records the run in the activity feed as one entry with its targets', async () => {
    const p = await plan({ action: 'start', vmids: [101, 103, 106] });
    await h.post(`/api/plans/${p.id}/execute`, {});
    await settled(p.id);
    const feed = await h.get<{ entries: Record<string, unknown>[] }>(
      `/api/activity?target=${encodeURIComponent(`plan/${p.id}`)}`,
    );
    expect(feed.body.entries).toHaveLength(1);
    expect(feed.body.entries[0]).toMatchObject({
      action: 'start',
      actor: 'admin',
      targets: ['ct/101', 'ct/106'],
      result: 'ok',
      message: '2 ok, 1 skipped',
    });
    const singles = await h.get<{ entries: unknown[] }>('/api/activity?target=ct/101');
    expect(singles.body.entries).toHaveLength(0);
  });

  it('checks each target again just before acting: state and permission', async () => {
    const p = await plan({ action: 'stop', vmids: [101, 102, 106] });
    expect(p.targets.every((t) => t.status === 'pending')).toBe(true);
    // meanwhile someone stops 102 and the token loses CT 106
    const stop = await h.post<{ upid: string }>('/api/containers/102/stop');
    await h.waitForTask(stop.body.upid);
    await setTokenAcl({ '/': ['PVEAuditor'], '/pool/web': ['PVEVMAdmin'] });
    try {
      await h.post(`/api/plans/${p.id}/execute`, { concurrency: 3 });
      const t = byVmid(await settled(p.id));
      expect(t[101].status).toBe('ok');
      expect(t[102]).toMatchObject({ status: 'skipped', error: 'already stopped: skipped' });
      expect(t[106]).toMatchObject({
        status: 'failed',
        error: 'The Proxmox token lacks VM.PowerMgmt on /vms/106 (checked again)',
      });
      expect(t[106].upid).toBeUndefined();
    } finally {
      await setTokenAcl(POOL_SCOPED);
    }
  });

  it('refuses to run a plan twice, and an expired one', async () => {
    const p = await plan({ action: 'start', vmids: [101] });
    const clock = h.app.get(PlansClock);
    const later = vi.spyOn(clock, 'now').mockReturnValue(Date.now() + 15 * 60_000 + 1_000);
    try {
      const res = await h.post(`/api/plans/${p.id}/execute`, {});
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/expired at .*make it again/);
    } finally {
      later.mockRestore();
    }
    expect((await h.post(`/api/plans/${p.id}/execute`, {})).status).toBe(202);
    await settled(p.id);
    const again = await h.post(`/api/plans/${p.id}/execute`, {});
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/runs only once/);
    expect((await h.post(`/api/plans/${p.id}/execute`, { concurrency: 17 })).status).toBe(400);
  });
});

describe('POST /api/plans/{id}/cancel', () => {
  it('cancels a plan before it runs', async () => {
    const p = await plan({ action: 'reboot', vmids: [101, 102] });
    const res = await h.post<PlanBody>(`/api/plans/${p.id}/cancel`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.state).toBe('cancelled');
    expect(res.body.targets.map((t) => t.status)).toEqual(['skipped', 'skipped']);
    expect((await h.post(`/api/plans/${p.id}/execute`, {})).status).toBe(409);
    expect((await h.post(`/api/plans/${p.id}/cancel`)).status).toBe(409);
  });

  it('stops starting new targets while the ones started finish', async () => {
    const p = await plan({ action: 'reboot', vmids: [101, 106] });
    expect(p.targets.map((t) => t.status)).toEqual(['pending', 'pending']);
    await h.post(`/api/plans/${p.id}/execute`, { concurrency: 1 });
    const res = await h.post<PlanBody>(`/api/plans/${p.id}/cancel`);
    expect(res.status, res.text).toBe(200);
    const done = await settled(p.id);
    expect(done.state).toBe('cancelled');
    const t = byVmid(done);
    expect(t[101].status).toBe('ok');
    expect(t[106]).toMatchObject({ status: 'skipped', error: 'cancelled before it started' });
  });
});
