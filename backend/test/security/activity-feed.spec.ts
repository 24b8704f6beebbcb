import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityService } from '../../src/activity/activity.service.js';
import type { ConsoleClient, ConsoleHarness } from '../support/console-harness.js';
import { startSecuredConsole } from './secured-console.js';

let h: ConsoleHarness;
let operator: ConsoleClient;
let operatorName = '';
let startedAt = '';

interface Entry {
  actor: string;
  action: string;
  target: string;
  result: string;
  upid?: string;
  endedAt?: string;
}

beforeAll(async () => {
  h = await startSecuredConsole({ sim: { speed: 0 } });
  operator = await h.loginAs('operator');
  operatorName = (await operator.get('/api/auth/me')).body.username;
  startedAt = new Date().toISOString();
  for (const path of [
    '/api/containers/108/start',
    '/api/containers/109/start',
    '/api/containers/101/stop',
  ]) {
    expect((await operator.post(path)).status, path).toBe(202);
  }
  expect((await h.post('/api/containers/111/start')).status).toBe(202);
  await h.app.get(ActivityService).settle();
});
afterAll(() => h.stop());

const entries = async (query: string): Promise<Entry[]> => {
  const res = await h.get(`/api/activity${query}`);
  expect(res.status, res.text).toBe(200);
  return res.body.entries;
};

describe('GET /api/activity', () => {
  it('lists who did what to which target, newest first, with the result and UPID of the task', async () => {
    // the container actions (sign-ins are in the feed too, as user/<name>)
    const res = await h.get('/api/activity?target=ct/');
    expect(res.body.total).toBe(4);
    expect(res.body.entries.map((e: Entry) => e.target)).toEqual([
      'ct/111',
      'ct/101',
      'ct/109',
      'ct/108',
    ]);
    for (const e of res.body.entries as Entry[]) {
      expect(e.result).toBe('ok');
      expect(e.upid).toMatch(/^UPID:pve\d:/);
      expect(Date.parse(e.endedAt ?? '')).not.toBeNaN();
    }
    expect(res.body.entries[0].actor).toBe('admin');
  });

  it('filters by actor, action, target prefix, result and time, combined', async () => {
    expect((await entries(`?actor=${operatorName}&target=ct/`)).map((e) => e.target)).toEqual([
      'ct/101',
      'ct/109',
      'ct/108',
    ]);
    expect((await entries('?action=stop')).map((e) => e.target)).toEqual(['ct/101']);
    expect(await entries('?target=ct/10')).toEqual([]);
    expect((await entries('?target=ct/')).length).toBe(4);
    expect((await entries('?target=ct/109')).map((e) => e.actor)).toEqual([operatorName]);
    expect(await entries('?result=error&target=ct/')).toEqual([]);
    const since = `?since=${encodeURIComponent(startedAt)}`;
    expect((await entries(`${since}&actor=admin&target=ct/`)).length).toBe(1);
    expect(await entries(`?until=${encodeURIComponent(startedAt)}&target=ct/`)).toEqual([]);
    expect((await entries('?target=user/&action=sign-in')).length).toBeGreaterThan(0);
  });

  it('pages with limit and offset and still counts every match', async () => {
    const page = await h.get('/api/activity?limit=2&offset=1&target=ct/');
    expect(page.body.total).toBe(4);
    expect(page.body.entries.map((e: Entry) => e.target)).toEqual(['ct/101', 'ct/109']);
  });

  it('refuses bad filters with a message', async () => {
    for (const query of [
      '?result=bogus',
      '?since=yesterday',
      '?limit=0',
      '?limit=5000',
      '?offset=-1',
      '?colour=red',
    ]) {
      const res = await h.get(`/api/activity${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.message, query).toEqual(expect.any(String));
    }
  });

  it('lets a viewer read the feed and export it as CSV with the same filters', async () => {
    const viewer = await h.loginAs('viewer');
    expect((await viewer.get('/api/activity')).status).toBe(200);
    const csv = await viewer.get('/api/activity/export?action=start');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(
      /attachment; filename="proxicloud-activity\.csv"/,
    );
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(new RegExp(`^[^,]+,admin,start,ct/111,pve2,ok,UPID:`));
  });
});
