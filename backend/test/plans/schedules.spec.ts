import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PlansClock } from '../../src/plans/plans-clock.js';
import { SchedulesService } from '../../src/schedules/schedules.service.js';
import type { ConsoleHarness } from '../support/console-harness.js';
import {
  type PlanBody,
  type PoolScopedConsole,
  byVmid,
  createPlan,
  settledPlan,
  startPoolScopedConsole,
} from './support/pool-scoped-console.js';

// Schedules on a fake clock: the plans' clock is moved and the scheduler's tick is called as its
// interval would, with the pool-scoped token (acts on 101, 102 and 106 only).
let scoped: PoolScopedConsole;
let h: ConsoleHarness;

beforeAll(async () => {
  scoped = await startPoolScopedConsole('plans@pve!schedules');
  ({ h } = scoped);
});
afterAll(() => scoped.stop());
afterEach(() => vi.restoreAllMocks());

interface ScheduleBody {
  id: string;
  name: string;
  source: string;
  action: string;
  selector: string;
  cron: string;
  timeZone: string;
  enabled: boolean;
  nextRunAt?: string;
  lastRun?: { at: string; planId?: string; state?: string; summary: string };
}

/** Sets the console's clock to this instant, then lets the scheduler look for due schedules. */
async function tickAt(iso: string): Promise<void> {
  vi.spyOn(h.app.get(PlansClock), 'now').mockReturnValue(Date.parse(iso));
  await h.app.get(SchedulesService).tick();
}

async function schedule(id: string): Promise<ScheduleBody> {
  const res = await h.get<{ items: ScheduleBody[] }>('/api/schedules');
  expect(res.status, res.text).toBe(200);
  const found = res.body.items.find((s) => s.id === id);
  expect(found, `schedule ${id}`).toBeDefined();
  return found!;
}

async function runs(id: string): Promise<PlanBody[]> {
  const res = await h.get<{ items: PlanBody[] }>(`/api/schedules/${id}/runs`);
  expect(res.status, res.text).toBe(200);
  return res.body.items;
}

async function containerStatus(vmid: number): Promise<string | undefined> {
  const res = await h.get<{ items: { vmid: number; status: string }[] }>('/api/containers');
  return res.body.items.find((c) => c.vmid === vmid)?.status;
}

/** Tags (or untags) a CT through a tag plan and waits until the container list shows it. */
async function retag(vmid: number, params: { add?: string[]; remove?: string[] }): Promise<void> {
  const p = await createPlan(h, { action: 'tag', vmids: [vmid], params });
  expect((await h.post(`/api/plans/${p.id}/execute`, {})).status).toBe(202);
  expect((await settledPlan(h, p.id)).state).toBe('done');
  const tag = params.add?.[0] ?? params.remove![0];
  const shows = async (): Promise<boolean> => {
    const res = await h.get<{ items: { vmid: number }[] }>(
      `/api/containers?selector=${encodeURIComponent(`tag:${tag}`)}`,
    );
    return res.body.items.some((c) => c.vmid === vmid) === !!params.add;
  };
  await vi.waitFor(async () => expect(await shows()).toBe(true), { timeout: 15_000 });
}

describe('schedules', () => {
  it('stops tag:prod at 20:00 Berlin time on weekdays: each run a plan with per-target results', async () => {
    // Monday 7 December 2026, 19:30 in Berlin
    vi.spyOn(h.app.get(PlansClock), 'now').mockReturnValue(Date.parse('2026-12-07T18:30:00Z'));
    const res = await h.post<ScheduleBody>('/api/schedules', {
      name: 'prod off at night',
      action: 'stop',
      selector: 'tag:prod',
      cron: '0 20 * * 1-5',
      timeZone: 'Europe/Berlin',
    });
    expect(res.status, res.text).toBe(201);
    const id = res.body.id;
    expect(res.body).toMatchObject({ source: 'api', enabled: true });
    expect(res.body.nextRunAt).toBe('2026-12-07T19:00:00.000Z');
    expect(res.body.lastRun).toBeUndefined();

    await tickAt('2026-12-07T18:59:50Z');
    expect(await runs(id)).toEqual([]);

    await tickAt('2026-12-07T19:00:05Z');
    const [first] = await runs(id);
    expect(first).toMatchObject({ action: 'stop', selector: 'tag:prod' });
    const done = await settledPlan(h, first.id);
    const t = byVmid(done);
    expect(Object.keys(t).map(Number)).toEqual([101, 102, 103, 104]);
    expect(t[101].status).toBe('ok');
    expect(t[102].status).toBe('ok');
    expect(t[103]).toMatchObject({ status: 'skipped', allowed: false });
    expect(await containerStatus(101)).toBe('stopped');
    const after = await schedule(id);
    expect(after.lastRun).toMatchObject({
      at: '2026-12-07T19:00:00.000Z',
      planId: first.id,
      summary: '2 ok, 2 skipped',
    });
    expect(after.nextRunAt).toBe('2026-12-08T19:00:00.000Z');

    // the same occurrence never runs twice
    await tickAt('2026-12-07T19:00:30Z');
    expect(await runs(id)).toHaveLength(1);

    // the feed names the schedule as the actor of its run
    const feed = await h.get<{ entries: { actor: string }[] }>(
      `/api/activity?target=${encodeURIComponent(`plan/${first.id}`)}`,
    );
    expect(feed.body.entries[0].actor).toBe('schedule:prod off at night');

    // Tuesday: everything it may touch is stopped already, and the run says so
    await tickAt('2026-12-08T19:00:05Z');
    const tuesday = await schedule(id);
    expect(tuesday.lastRun?.summary).toMatch(/^nothing to do: web-1 \(101\): already stopped/);
    expect(await runs(id)).toHaveLength(2);

    // Friday's run after Wednesday's and Thursday's were missed (the console was down)
    await tickAt('2026-12-11T21:00:00Z');
    const friday = await schedule(id);
    expect(friday.lastRun).toMatchObject({ at: '2026-12-11T19:00:00.000Z' });
    expect(friday.lastRun?.summary).toMatch(/^missed: the console was not running/);
    expect(friday.nextRunAt).toBe('2026-12-14T19:00:00.000Z');
    expect(await runs(id)).toHaveLength(2);

    expect((await h.del(`/api/schedules/${id}`)).status).toBe(204);
    expect((await h.get(`/api/schedules/${id}/runs`)).status).toBe(404);
    // its runs stay in the plan history
    expect((await h.get(`/api/plans/${first.id}`)).status).toBe(200);

    for (const vmid of [101, 102]) {
      const start = await h.post<{ upid: string }>(`/api/containers/${vmid}/start`);
      await h.waitForTask(start.body.upid);
    }
  });

  it('resolves its selector again at every run', async () => {
    vi.spyOn(h.app.get(PlansClock), 'now').mockReturnValue(Date.parse('2027-01-04T06:00:00Z'));
    const res = await h.post<ScheduleBody>('/api/schedules', {
      name: 'nightly reboot',
      action: 'reboot',
      selector: 'tag:nightly',
      cron: '30 6 * * *',
      timeZone: 'UTC',
    });
    expect(res.status, res.text).toBe(201);
    const id = res.body.id;

    await tickAt('2027-01-04T06:30:01Z');
    expect((await schedule(id)).lastRun?.summary).toBe(
      'nothing to do: no container matches tag:nightly',
    );
    const [empty] = await runs(id);
    expect(empty.targets).toEqual([]);

    await retag(106, { add: ['nightly'] });
    try {
      await tickAt('2027-01-05T06:30:01Z');
      const [second] = await runs(id);
      const done = await settledPlan(h, second.id);
      expect(done.targets.map((t) => [t.vmid, t.status])).toEqual([[106, 'ok']]);
      expect((await schedule(id)).lastRun).toMatchObject({ state: 'done', summary: '1 ok' });
    } finally {
      await retag(106, { remove: ['nightly'] });
      await h.del(`/api/schedules/${id}`);
    }
  });

  it('follows pxc.schedule tags: start at the window’s start, stop at its end, on weekdays', async () => {
    const TAG = 'pxc.schedule.0800-1800';
    vi.spyOn(h.app.get(PlansClock), 'now').mockReturnValue(Date.parse('2027-01-04T00:00:00Z'));
    await retag(106, { add: [TAG] });
    try {
      await h.app.get(SchedulesService).tick();
      const list = await h.get<{ items: ScheduleBody[]; tagTimeZone: string }>('/api/schedules');
      const tagged = list.body.items.filter((s) => s.source === 'tag');
      expect(tagged.map((s) => [s.action, s.selector, s.cron])).toEqual([
        ['start', `tag:${TAG}`, '0 8 * * 1-5'],
        ['stop', `tag:${TAG}`, '0 18 * * 1-5'],
      ]);
      expect(tagged[0].timeZone).toBe(list.body.tagTimeZone);
      const [start, stop] = tagged;

      // a tag schedule follows its tag: it is changed in Proxmox, not here
      expect((await h.patch(`/api/schedules/${stop.id}`, { enabled: false })).status).toBe(409);
      expect((await h.del(`/api/schedules/${stop.id}`)).status).toBe(409);

      await tickAt(new Date(Date.parse(stop.nextRunAt!) + 5_000).toISOString());
      const [stopRun] = await runs(stop.id);
      expect(byVmid(await settledPlan(h, stopRun.id))[106].status).toBe('ok');
      expect(await containerStatus(106)).toBe('stopped');

      await tickAt(
        new Date(Date.parse((await schedule(start.id)).nextRunAt!) + 5_000).toISOString(),
      );
      const [startRun] = await runs(start.id);
      expect(byVmid(await settledPlan(h, startRun.id))[106].status).toBe('ok');
      expect(await containerStatus(106)).toBe('running');
    } finally {
      await retag(106, { remove: [TAG] });
    }
    // the tag is gone from every container: so are its schedules
    await h.app.get(SchedulesService).tick();
    const left = await h.get<{ items: ScheduleBody[] }>('/api/schedules');
    expect(left.body.items.filter((s) => s.source === 'tag')).toEqual([]);
  });

  it('refuses what it cannot schedule with a message that says why', async () => {
    const base = { name: 'x', action: 'stop', selector: 'tag:web', cron: '0 20 * * 1-5' };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...base, cron: '*/5 * * * * *' }, /five fields/],
      [{ ...base, cron: '0 25 * * *' }, /out of range/],
      [{ ...base, timeZone: 'Mars/Olympus' }, /IANA time zone/],
      [{ ...base, selector: '' }, /empty selector/],
      [{ ...base, selector: 'colour:red' }, /Unknown selector key/],
      [{ ...base, action: 'delete' }, /action must be one of/],
      [{ ...base, action: 'snapshot' }, /action must be one of/],
      [{ ...base, name: '' }, /name must not be empty/],
    ];
    for (const [body, message] of cases) {
      const res = await h.post('/api/schedules', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.message, JSON.stringify(body)).toMatch(message);
    }
    const viewer = await h.loginAs('viewer');
    expect((await viewer.post('/api/schedules', base)).status).toBe(403);
    expect((await viewer.get('/api/schedules')).status).toBe(200);
    expect((await h.get('/api/schedules/not-an-id/runs')).status).toBe(400);
    expect((await h.patch('/api/schedules/3f0c2a4e-8a1b-4c55-9d3e-2b7f6a1c0d9e', {})).status).toBe(
      404,
    );
  });

  it('turned off, it does not run; turned on again, it does not catch up', async () => {
    vi.spyOn(h.app.get(PlansClock), 'now').mockReturnValue(Date.parse('2027-02-01T10:00:00Z'));
    const res = await h.post<ScheduleBody>('/api/schedules', {
      ...{ name: 'hourly', action: 'start', selector: 'tag:web', cron: '0 * * * *' },
      timeZone: 'UTC',
      enabled: false,
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.nextRunAt).toBeUndefined();
    await tickAt('2027-02-01T11:00:05Z');
    expect(await runs(res.body.id)).toEqual([]);

    await tickAt('2027-02-01T11:30:00Z');
    const on = await h.patch<ScheduleBody>(`/api/schedules/${res.body.id}`, { enabled: true });
    expect(on.status, on.text).toBe(200);
    expect(on.body.nextRunAt).toBe('2027-02-01T12:00:00.000Z');
    await tickAt('2027-02-01T11:59:00Z');
    expect(await runs(res.body.id)).toEqual([]);
    await h.del(`/api/schedules/${res.body.id}`);
  });

  it('acts for whoever saved it as they are now: not at all once the account is gone, never above its current role', async () => {
    vi.spyOn(h.app.get(PlansClock), 'now').mockReturnValue(Date.parse('2027-03-01T09:00:00Z'));
    const make = async (name: string, role: string) => {
      const created = await h.post<{ id: number }>('/api/users', {
        username: name,
        password: 'schedule-owner-pw',
        role,
      });
      expect(created.status, created.text).toBe(201);
      const owner = await h.login(name, 'schedule-owner-pw');
      const res = await owner.post<ScheduleBody>('/api/schedules', {
        ...{ name: `${name}'s restart`, action: 'reboot', selector: 'vmid:106' },
        ...{ cron: '0 10 * * *', timeZone: 'UTC' },
      });
      expect(res.status, res.text).toBe(201);
      return { userId: created.body.id, scheduleId: res.body.id };
    };
    const gone = await make('leaver', 'operator');
    const demoted = await make('demoted', 'operator');
    expect((await h.del(`/api/users/${gone.userId}`)).status).toBe(204);
    const patched = await h.patch(`/api/users/${demoted.userId}`, { role: 'viewer' });
    expect(patched.status, patched.text).toBe(200);

    await tickAt('2027-03-01T10:00:01Z');
    expect(await runs(gone.scheduleId), 'no plan for a deleted account').toEqual([]);
    expect((await schedule(gone.scheduleId)).lastRun?.summary).toBe(
      'not run: the account leaver that saved it no longer exists',
    );
    // the demoted owner's run is planned (the history shows what it would have touched) and
    // refused on execution, as the viewer's own execute would be
    const [run] = await runs(demoted.scheduleId);
    expect(run.state).toBe('planned');
    const summary = (await schedule(demoted.scheduleId)).lastRun?.summary ?? '';
    expect(summary).toMatch(/^failed: .*viewer/);
    await h.del(`/api/schedules/${gone.scheduleId}`);
    await h.del(`/api/schedules/${demoted.scheduleId}`);
  });
});
