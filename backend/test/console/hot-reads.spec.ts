import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HotReadsService } from '../../src/hot-reads/hot-reads.service.js';
import { type ApiAnswer, type ConsoleHarness, startConsole } from '../support/console-harness.js';

// The hot path answers exactly '/api/containers'; the same list with an empty query string takes
// the whole Express + Nest pipeline, so the two can be compared answer for answer.
const HOT = '/api/containers';
const FRAMEWORK = '/api/containers?';
const VOLATILE = new Set(['date', 'x-data-age', 'connection', 'keep-alive']);

let h: ConsoleHarness;
let served: boolean[];

beforeAll(async () => {
  h = await startConsole();
  const hot = h.app.get(HotReadsService);
  const tryServe = hot.tryServe.bind(hot);
  served = [];
  vi.spyOn(hot, 'tryServe').mockImplementation((req, res) => {
    const answered = tryServe(req, res);
    if (req.url === HOT) served.push(answered);
    return answered;
  });
});
afterAll(() => h?.stop());

/** Calls fn and tells whether the hot path answered the HOT requests it made. */
async function hotness<T>(fn: () => Promise<T>): Promise<[T, boolean[]]> {
  served.length = 0;
  const result = await fn();
  return [result, [...served]];
}

function stableHeaders(res: ApiAnswer): Record<string, string> {
  return Object.fromEntries([...res.headers].filter(([name]) => !VOLATILE.has(name)));
}

async function metricCount(route: string): Promise<number> {
  const text = (await h.get('/metrics')).text;
  const line = text
    .split('\n')
    .find((l) =>
      l.startsWith(`proxicloud_http_requests_total{method="GET",route="${route}",status="200"}`),
    );
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('hot reads of the container list', () => {
  it('answers a signed-in read of a current snapshot itself, with the bytes and headers of the framework', async () => {
    for (let attempt = 0; ; attempt++) {
      await h.get(FRAMEWORK); // makes the snapshot current
      const [hot, answered] = await hotness(() => h.get(HOT));
      const framework = await h.get(FRAMEWORK);
      if (hot.body.fetchedAt !== framework.body.fetchedAt && attempt < 3) continue;
      expect(answered).toEqual([true]);
      expect(hot.status).toBe(200);
      expect(hot.text).toBe(framework.text);
      expect(stableHeaders(hot)).toEqual(stableHeaders(framework));
      expect(hot.headers.get('x-cache-status')).toBe('HIT');
      const ages = [hot, framework].map((r) => Number(r.headers.get('x-data-age')));
      expect(Math.abs(ages[0] - ages[1])).toBeLessThanOrEqual(1);
      expect(hot.headers.get('content-security-policy')).toContain("default-src 'self'");
      return;
    }
  });

  it('counts its answers in the HTTP metrics under the route the framework uses', async () => {
    const before = await metricCount(HOT);
    await h.get(FRAMEWORK);
    const [, answered] = await hotness(() => h.get(HOT));
    expect(answered).toEqual([true]);
    expect(await metricCount(HOT)).toBe(before + 2);
  });

  it('leaves a session due for its lastSeenAt write to the framework, which writes it', async () => {
    const db = h.app.get(DataSource);
    await db.query('UPDATE "session" SET "lastSeenAt" = "lastSeenAt" - 60000');
    const [first, answered] = await hotness(() => h.get(HOT));
    expect(first.status).toBe(200);
    expect(answered).toEqual([false]);
    const [row] = await db.query<{ lastSeenAt: number }[]>(
      'SELECT MAX("lastSeenAt") AS "lastSeenAt" FROM "session"',
    );
    expect(Date.now() - row.lastSeenAt).toBeLessThan(10_000);
    expect((await hotness(() => h.get(HOT)))[1]).toEqual([true]);
  });

  it('never answers without a live session: anonymous, forged, logged out, deleted account', async () => {
    const [anonymous, a1] = await hotness(() => h.anonymous.get(HOT));
    expect([anonymous.status, a1]).toEqual([401, [false]]);
    const forged = h.as({ kind: 'session', cookie: 'forged-cookie-value', csrfToken: 'x' });
    expect((await forged.get(HOT)).status).toBe(401);

    const viewer = await h.loginAs('viewer');
    expect((await hotness(() => viewer.get(HOT)))[1]).toEqual([true]);
    const out = await viewer.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect((await viewer.get(HOT)).status, 'logged out: refused at once').toBe(401);

    const created = await h.post('/api/users', {
      username: 'erin',
      password: 'password-erin',
      role: 'viewer',
    });
    const erin = await h.login('erin', 'password-erin');
    expect((await hotness(() => erin.get(HOT)))[1]).toEqual([true]);
    expect((await h.del(`/api/users/${created.body.id}`)).status).toBe(204);
    expect((await erin.get(HOT)).status, 'account deleted: refused at once').toBe(401);
  });

  it('leaves token callers, other methods and other URLs to the framework', async () => {
    const token = await h.withToken('viewer');
    const [byToken, t] = await hotness(() => token.get(HOT));
    expect([byToken.status, t]).toEqual([200, [false]]);
    const [head, hd] = await hotness(() => h.request('HEAD', HOT));
    expect([head.status, hd]).toEqual([200, [false]]);
    const filtered = await h.get('/api/containers?status=running');
    expect(filtered.body.items.every((c: { status: string }) => c.status === 'running')).toBe(true);
  });
});

describe('hot reads with CORS origins configured', () => {
  it('are off: every answer keeps the headers the cors middleware adds', async () => {
    const cors = await startConsole({ env: { PROXICLOUD_CORS_ORIGINS: 'https://ops.lan' } });
    try {
      await cors.get(HOT);
      const res = await cors.get(HOT);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-cache-status')).toBe('HIT');
      expect(res.headers.get('vary')).toContain('Origin');
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    } finally {
      await cors.stop();
    }
  });
});
