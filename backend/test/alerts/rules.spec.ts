import { SchedulerRegistry } from '@nestjs/schedule';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECT_JOB } from '../../src/analytics/analytics.constants.js';
import { CollectorService } from '../../src/analytics/collector.service.js';
import { ClusterStateService } from '../../src/cache/cluster-state.service.js';
import { type ConsoleHarness, startConsole } from '../support/console-harness.js';

let h: ConsoleHarness;

async function cycle(): Promise<void> {
  h.app.get(ClusterStateService).invalidate();
  await h.app.get(CollectorService).runCycle();
}

beforeAll(async () => {
  h = await startConsole();
  h.app.get(SchedulerRegistry).deleteInterval(COLLECT_JOB);
});

afterAll(async () => {
  await h?.stop();
});

describe('alert rules', () => {
  it('a memory rule scoped to one CT fires on the data of the collection cycle and ends when disabled', async () => {
    const list = await h.get('/api/containers?selector=status:running');
    const ct = list.body.items[0] as { vmid: number; name: string };
    const created = await h.post('/api/alerts/rules', {
      name: 'mem',
      kind: 'memory',
      threshold: 0,
      severity: 'warning',
      scopeKind: 'vmids',
      scopeValue: String(ct.vmid),
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ kind: 'memory', builtin: false, channelIds: [], forS: 0 });
    await cycle();
    const firing = await h.get('/api/alerts?state=firing');
    expect(firing.body.items.map((a: any) => [a.rule, a.subject.vmid, a.severity])).toEqual([
      ['mem', ct.vmid, 'warning'],
    ]);
    expect(firing.body.items[0].message).toMatch(
      new RegExp(`^CT ${ct.vmid} \\(${ct.name}\\) memory at [\\d.]+%, above 0%$`),
    );
    const off = await h.patch(`/api/alerts/rules/${created.body.id}`, { enabled: false });
    expect(off.status).toBe(200);
    await cycle();
    expect((await h.get('/api/alerts?state=firing')).body.firing).toBe(0);
    expect((await h.get('/api/alerts?state=resolved')).body.total).toBe(1);
    expect((await h.del(`/api/alerts/rules/${created.body.id}`)).status).toBe(204);
  });

  it('built-in rules can be changed and disabled but not deleted', async () => {
    const rules = (await h.get('/api/alerts/rules')).body as any[];
    const down = rules.find((r) => r.kind === 'container-down');
    const patched = await h.patch(`/api/alerts/rules/${down.id}`, {
      forS: 60,
      severity: 'warning',
    });
    expect(patched.body).toMatchObject({ forS: 60, severity: 'warning', builtin: true });
    const del = await h.del(`/api/alerts/rules/${down.id}`);
    expect(del.status).toBe(409);
    expect(del.body.message).toBe(
      "'container-down' is built in: disable it (PATCH enabled=false) instead",
    );
  });

  it('refuses incomplete rules with 400 naming the field, before storing anything', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'c', kind: 'cpu' }, 'threshold (percent) is required for a cpu rule'],
      [{ name: 'c', kind: 'cpu', threshold: 150 }, 'threshold is a percent: 0 to 100'],
      [
        { name: 't', kind: 'expect-state', scopeKind: 'tag' },
        'scopeValue (the tag) is required for scopeKind tag',
      ],
      [
        { name: 'v', kind: 'expect-state', scopeKind: 'vmids', scopeValue: '101;x' },
        'scopeValue must be vmids separated by commas, like 101,102',
      ],
      [{ name: 'ch', kind: 'node-offline', channelIds: [4242] }, 'No alert channel 4242'],
    ];
    for (const [body, message] of cases) {
      const res = await h.post('/api/alerts/rules', body);
      expect([res.status, res.body.message]).toEqual([400, message]);
    }
    expect((await h.post('/api/alerts/rules', { name: 'k', kind: 'disk-full' })).status).toBe(400);
    expect((await h.post('/api/alerts/rules', { name: 'n', kind: null })).status).toBe(400);
    expect((await h.patch('/api/alerts/rules/9999', { enabled: false })).status).toBe(404);
    expect((await h.get('/api/alerts?state=burning')).status).toBe(400);
    expect((await h.post('/api/alerts/9999/ack', {})).status).toBe(404);
    const rules = (await h.get('/api/alerts/rules')).body as any[];
    expect(rules).toHaveLength(4);
  });
});

describe('null in changes', () => {
  it('is a 400 for rule and channel fields, never a 500', async () => {
    const rules = (await h.get('/api/alerts/rules')).body as any[];
    for (const key of ['name', 'severity', 'forS', 'enabled']) {
      const res = await h.patch(`/api/alerts/rules/${rules[0].id}`, { [key]: null });
      expect(res.status, res.text).toBe(400);
      expect(res.body.message).toMatch(new RegExp(`^${key} .*null`));
    }
    const ch = await h.post('/api/alerts/channels', {
      type: 'webhook',
      name: 'n',
      url: 'http://127.0.0.1:9/',
    });
    for (const key of ['quietHours', 'maintenanceUntil', 'capPerHour', 'name', 'url']) {
      const res = await h.patch(`/api/alerts/channels/${ch.body.id}`, { [key]: null });
      expect(res.status, res.text).toBe(400);
    }
  });
});

describe('rule preview', () => {
  it('lists what a threshold rule would have fired on from the samples the collector stored', async () => {
    await cycle();
    const list = await h.get('/api/containers?selector=status:running');
    const [a, b] = list.body.items as { vmid: number; name: string; node: string }[];
    const res = await h.post('/api/alerts/rules/preview', {
      kind: 'memory',
      threshold: 0,
      scopeKind: 'vmids',
      scopeValue: `${a.vmid}, ${b.vmid}`,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.supported).toBe(true);
    expect(Date.parse(res.body.to) - Date.parse(res.body.from)).toBe(24 * 3_600_000);
    const byVmid = new Map((res.body.firings as any[]).map((f) => [f.subject.vmid, f]));
    expect([...byVmid.keys()].sort()).toEqual([a.vmid, b.vmid].sort());
    expect(byVmid.get(a.vmid)).toMatchObject({
      subject: { type: 'ct', vmid: a.vmid, name: a.name, node: a.node },
    });
    expect(byVmid.get(a.vmid).endsAt, 'still above now').toBeUndefined();
    expect(byVmid.get(a.vmid).message).toMatch(
      new RegExp(
        `^CT ${a.vmid} \\(${a.name}\\) memory above 0% for [\\d.]+ (s|min|h) \\(still\\), peak [\\d.]+%$`,
      ),
    );
    const high = await h.post('/api/alerts/rules/preview', {
      kind: 'memory',
      threshold: 100,
      scopeKind: 'vmids',
      scopeValue: String(a.vmid),
    });
    expect(high.body).toMatchObject({ supported: true, total: 0, firings: [] });
    const held = await h.post('/api/alerts/rules/preview', {
      kind: 'memory',
      threshold: 0,
      forS: 90_000, // longer than the 24 h looked at
      scopeKind: 'vmids',
      scopeValue: String(a.vmid),
    });
    expect(held.body.total).toBe(0);
  });

  it('says which kinds samples cannot show, and refuses an incomplete rule with the same 400 as saving', async () => {
    const down = await h.post('/api/alerts/rules/preview', { kind: 'container-down' });
    expect(down.status).toBe(200);
    expect(down.body).toMatchObject({ supported: false, total: 0 });
    expect(down.body.note).toMatch(/^container-down depends on what explained each stop/);
    const bad = await h.post('/api/alerts/rules/preview', { kind: 'cpu' });
    expect([bad.status, bad.body.message]).toEqual([
      400,
      'threshold (percent) is required for a cpu rule',
    ]);
    expect((await h.post('/api/alerts/rules/preview', { kind: null })).status).toBe(400);
    expect((await h.get('/api/alerts/rules')).body).toHaveLength(4);
  });
});

describe('backup-age rule', () => {
  it('fires for a CT whose newest backup is too old and one with none, not for one backed up now', async () => {
    // default scenario: CT 101's newest backup is 2 days old; CT 103 has none
    const [old, none, fresh] = [101, 103, 108];
    const backup = await h.post(`/api/containers/${fresh}/backup`, { mode: 'snapshot' });
    expect(backup.status, backup.text).toBe(202);
    expect((await h.waitForTask(backup.body.upid)).exitstatus).toBe('OK');
    const created = await h.post('/api/alerts/rules', {
      name: 'backups',
      kind: 'backup-age',
      threshold: 1,
      scopeKind: 'vmids',
      scopeValue: [old, none, fresh].join(','),
    });
    expect(created.status, created.text).toBe(201);
    // the backup list read here (after the backup) is the one the rule judges
    const listed = await h.get(`/api/backups?vmid=${fresh}`);
    expect(listed.body.items, listed.text).toHaveLength(1);
    await cycle();
    const mine = async () =>
      ((await h.get('/api/alerts?state=firing')).body.items as any[])
        .filter((a) => a.rule === 'backups')
        .map((a) => [a.subject.vmid, a.message])
        .sort();
    expect(await mine()).toEqual([
      [old, expect.stringMatching(/^CT 101 \(.+\) newest backup is 2 days old, more than 1 days$/)],
      [none, expect.stringMatching(/^CT 103 \(.+\) has no backup, more than 1 days$/)],
    ]);

    const patched = await h.patch(`/api/alerts/rules/${created.body.id}`, { threshold: 3 });
    expect(patched.status, patched.text).toBe(200);
    await cycle();
    expect((await mine()).map(([vmid]) => vmid)).toEqual([none]);

    expect((await h.del(`/api/alerts/rules/${created.body.id}`)).status).toBe(204);
    const bad = await h.post('/api/alerts/rules', { name: 'b', kind: 'backup-age' });
    expect([bad.status, bad.body.message]).toEqual([
      400,
      'threshold (days, more than 0) is required for a backup-age rule',
    ]);
  });
});
