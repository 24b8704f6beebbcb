import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleHarness } from '../support/console-harness.js';
import { openEventStream } from '../support/event-stream.js';
import {
  POOL_SCOPED as SCOPED,
  type PlanBody,
  type PoolScopedConsole,
  byVmid,
  createPlan,
  settledPlan,
  startPoolScopedConsole,
} from './support/pool-scoped-console.js';

// Snapshot, backup, tag and delete plans with the pool-scoped token (support/pool-scoped-console).
let scoped: PoolScopedConsole;
let h: ConsoleHarness;

beforeAll(async () => {
  scoped = await startPoolScopedConsole('plans@pve!actions');
  ({ h } = scoped);
});
afterAll(() => scoped.stop());

const plan = (body: Record<string, unknown>): Promise<PlanBody> => createPlan(h, body);

async function run(id: string): Promise<PlanBody> {
  const res = await h.post(`/api/plans/${id}/execute`, {});
  expect(res.status, res.text).toBe(202);
  return settledPlan(h, id);
}

const setTokenAcl = (privileges: Record<string, string[]>): Promise<void> =>
  scoped.setTokenAcl(privileges);

describe('GET /api/permissions/containers', () => {
  interface Perms {
    items: { vmid: number; denied: { action: string; reason: string }[] }[];
    stale: boolean;
  }
  const denied = (body: Perms, vmid: number): Record<string, string> =>
    Object.fromEntries(
      body.items.find((i) => i.vmid === vmid)!.denied.map((d) => [d.action, d.reason]),
    );

  it('names, per container, what the token and the role may not do, as a plan would', async () => {
    const res = await h.get<Perms>('/api/permissions/containers');
    expect(res.status, res.text).toBe(200);
    expect(res.body.stale).toBe(false);
    expect(res.body.items.map((i) => i.vmid)).not.toContain(200);
    // in the pool: everything but a backup (no Datastore.AllocateSpace on the backup storage)
    expect(denied(res.body, 101)).toEqual({
      backup: 'The Proxmox token lacks Datastore.AllocateSpace on /storage/local',
    });
    expect(denied(res.body, 103)).toMatchObject({
      stop: 'The Proxmox token lacks VM.PowerMgmt on /vms/103',
      delete: 'The Proxmox token lacks VM.Allocate on /vms/103',
      tag: 'The Proxmox token lacks VM.Config.Options on /vms/103',
    });
    const viewer = await h.loginAs('viewer');
    const mine = await viewer.get<Perms>('/api/permissions/containers?vmid=101');
    expect(mine.body.items).toHaveLength(1);
    expect(denied(mine.body, 101).stop).toBe(
      'Your console role viewer may not stop; it needs operator',
    );
    expect((await h.get('/api/permissions/containers?vmid=abc')).status).toBe(400);
  });
});

describe('plan progress on the event stream', () => {
  it('pushes each step of a run as `event: plan`, to its end', async () => {
    const stream = await openEventStream(`${h.url}/api/events`, h.authHeaders());
    try {
      expect(stream.status).toBe(200);
      const p = await plan({ action: 'tag', vmids: [102, 103], params: { add: ['pushed'] } });
      const done = await run(p.id);
      const last = await stream.next<PlanBody>('plan', (e) => e.id === p.id && e.state === 'done');
      expect(last.targets).toEqual(done.targets);
      const running = stream.events.filter((e) => e.type === 'plan' && e.data.id === p.id);
      expect(running[0].data.state).toBe('running');
      expect(byVmid(last)[102].status).toBe('ok');
    } finally {
      stream.close();
    }
  });
});

describe('snapshot plans', () => {
  it('snapshots each allowed target and skips those that already have the name', async () => {
    const p = await plan({
      action: 'snapshot',
      vmids: [101, 103, 106],
      params: { name: 'pre-up' },
    });
    const t = byVmid(p);
    expect(t[101]).toMatchObject({ allowed: true, status: 'pending', warnings: [] });
    expect(t[103].reason).toBe('The Proxmox token lacks VM.Snapshot on /vms/103');
    const done = byVmid(await run(p.id));
    expect(done[101]).toMatchObject({
      status: 'ok',
      upid: expect.stringContaining(':vzsnapshot:'),
    });
    expect(done[106].status).toBe('ok');
    const list = await h.get<{ name: string }[]>('/api/containers/101/snapshots');
    expect(list.body.map((s) => s.name)).toContain('pre-up');

    const again = byVmid(
      await plan({ action: 'snapshot', vmids: [101], params: { name: 'pre-up' } }),
    );
    expect(again[101]).toMatchObject({
      status: 'skipped',
      warnings: [{ code: 'skipped', message: "already has a snapshot named 'pre-up': skipped" }],
    });
  });
});

// before the backup plans, which add a fresh backup of 101
describe('delete plans', () => {
  it('warns about protection and an old or missing backup; protection still fails the run', async () => {
    // the token cannot look into the backup storage yet: it does not guess "never backed up"
    const blind = byVmid(await plan({ action: 'delete', vmids: [106], params: { force: true } }));
    expect(blind[106].warnings).toEqual([
      {
        code: 'stale-backup',
        message: expect.stringMatching(
          /^no backup found, but the token cannot see its backups on local /,
        ),
      },
    ]);
    await setTokenAcl({ ...SCOPED, '/storage/local': ['PVEDatastoreUser'] });
    expect((await h.patch('/api/containers/106', { protection: true })).status).toBe(200);
    try {
      const p = await plan({
        action: 'delete',
        vmids: [101, 106],
        params: { force: true, staleDays: 1 },
      });
      const t = byVmid(p);
      expect(t[101].warnings).toEqual([
        { code: 'stale-backup', message: 'last backup 2 days ago (older than 1 day)' },
      ]);
      expect(t[106].warnings.map((w) => w.code)).toEqual(['protected', 'stale-backup']);
      expect(t[106].warnings[1].message).toMatch(/never backed up/);
      expect((await h.post(`/api/plans/${p.id}/cancel`)).status).toBe(200);

      const one = await plan({ action: 'delete', vmids: [106], params: { force: true } });
      const done = byVmid(await run(one.id));
      expect(done[106]).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/protected/),
      });
      expect((await h.get('/api/containers/106')).status).toBe(200);
    } finally {
      await h.patch('/api/containers/106', { protection: false });
      await setTokenAcl(SCOPED);
    }
  });
});

describe('backup plans', () => {
  it('needs Datastore.AllocateSpace on the storage, then backs up and records one entry', async () => {
    const denied = byVmid(await plan({ action: 'backup', vmids: [101] }));
    expect(denied[101]).toMatchObject({
      allowed: false,
      reason: 'The Proxmox token lacks Datastore.AllocateSpace on /storage/local',
    });
    const wrong = byVmid(
      await plan({ action: 'backup', vmids: [101], params: { storage: 'local-lvm' } }),
    );
    expect(wrong[101].reason).toMatch(/'local-lvm' does not allow backups/);

    await setTokenAcl({ ...SCOPED, '/storage/local': ['PVEDatastoreUser'] });
    try {
      const p = await plan({
        action: 'backup',
        vmids: [101, 103],
        params: { mode: 'stop', notes: 'plan {{vmid}}' },
      });
      expect(p.params).toEqual({ mode: 'stop', notes: 'plan {{vmid}}' });
      const done = byVmid(await run(p.id));
      expect(done[101]).toMatchObject({
        status: 'ok',
        upid: expect.stringContaining(':vzdump:101:'),
      });
      expect(done[103]).toMatchObject({
        status: 'skipped',
        error: expect.stringContaining('/vms/103'),
      });
      const feed = await h.get<{ entries: { action: string; targets: string[] }[] }>(
        `/api/activity?target=${encodeURIComponent(`plan/${p.id}`)}`,
      );
      expect(feed.body.entries).toMatchObject([{ action: 'backup', targets: ['ct/101'] }]);
      const backups = await h.get<{ items: { vmid: number; notes: string }[] }>(
        '/api/backups?vmid=101',
      );
      expect(backups.body.items.map((b) => b.notes)).toContain('plan 101');
    } finally {
      await setTokenAcl(SCOPED);
    }
  });
});

describe('tag plans', () => {
  it('adds and removes tags on the current tags, skipping CTs already so', async () => {
    const p = await plan({
      action: 'tag',
      selector: 'tag:web',
      params: { add: ['Maint'], remove: ['prod'] },
    });
    const t = byVmid(p);
    expect(Object.keys(t).map(Number)).toEqual([101, 102, 108]);
    expect(t[108].reason).toBe('The Proxmox token lacks VM.Config.Options on /vms/108');
    const done = byVmid(await run(p.id));
    expect(done[101].status).toBe('ok');
    expect(done[102].status).toBe('ok');
    const ct = await h.get<{ tags: string[] }>('/api/containers/101');
    expect(ct.body.tags).toEqual(['maint', 'web']);

    const again = byVmid(await plan({ action: 'tag', vmids: [101], params: { add: ['maint'] } }));
    expect(again[101]).toMatchObject({ status: 'skipped', warnings: [{ code: 'skipped' }] });
    const operator = await h.loginAs('operator');
    const asOperator = await operator.post<PlanBody>('/api/plans', {
      action: 'tag',
      vmids: [101],
      params: { remove: ['maint'] },
    });
    expect(asOperator.body.targets[0].reason).toBe(
      'Your console role operator may not tag; it needs admin',
    );
  });
});

describe('plan params', () => {
  it('refuses params that do not fit the action with a 400 that says why', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ action: 'snapshot', vmids: [101] }, /snapshot plans need params.name/],
      [{ action: 'snapshot', vmids: [101], params: { name: '1x' } }, /must start with a letter/],
      [{ action: 'snapshot', vmids: [101], params: { name: 'current' } }, /reserved/],
      [{ action: 'stop', vmids: [101], params: { name: 'x1' } }, /does not apply to stop plans/],
      [{ action: 'backup', vmids: [101], params: { mode: 'hot' } }, /mode must be one of/],
      [{ action: 'backup', vmids: [101], params: { notes: 'a\nb' } }, /single line/],
      [{ action: 'tag', vmids: [101], params: {} }, /params.add or params.remove/],
      [{ action: 'tag', vmids: [101], params: { add: ['a;b'] } }, /each tag may hold/],
      [{ action: 'tag', vmids: [101], params: { add: null } }, /params.add must not be null/],
      [{ action: 'delete', vmids: [101], params: { staleDays: 0 } }, /staleDays is at least 1/],
    ];
    for (const [body, message] of cases) {
      const res = await h.post('/api/plans', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.message, JSON.stringify(body)).toMatch(message);
    }
  });
});
