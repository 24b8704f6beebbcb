import { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, ADMIN_USER, type ConsoleHarness } from '../support/console-harness.js';
import { startSecuredConsole } from '../security/secured-console.js';

let h: ConsoleHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** A sign-in as if it came from `address` (the harness trusts X-Forwarded-For from loopback). */
function loginFrom(
  harness: ConsoleHarness,
  address: string,
  password: string,
  username = ADMIN_USER,
) {
  return harness.anonymous.request('POST', '/api/auth/login', {
    body: { username, password },
    headers: { 'x-forwarded-for': address },
  });
}

const TRUST_LOOPBACK = { PROXICLOUD_TRUSTED_PROXIES: 'loopback' };

describe('M-1: sign-in lock-outs are per (username, address)', () => {
  it('never refuses the right password from an address that has not failed', async () => {
    h = await startSecuredConsole({ signIn: false, env: TRUST_LOOPBACK });
    for (let i = 0; i < 8; i++) await loginFrom(h, '198.51.100.66', 'wrong-password');
    expect((await loginFrom(h, '198.51.100.66', ADMIN_PASSWORD)).status).toBe(429);
    expect((await loginFrom(h, '192.0.2.10', ADMIN_PASSWORD)).status).toBe(200);
  });

  it('lets an admin see and clear lock-outs', async () => {
    h = await startSecuredConsole({ signIn: false, env: TRUST_LOOPBACK });
    for (let i = 0; i < 6; i++) await loginFrom(h, '198.51.100.7', 'wrong-password');
    const admin = await h.login(ADMIN_USER, ADMIN_PASSWORD);
    const list = await admin.get('/api/auth/lockouts');
    expect(list.status).toBe(200);
    // the 1 s lock may have passed on a busy machine: the failures are what must show
    expect(list.body).toContainEqual(
      expect.objectContaining({ username: ADMIN_USER, address: '198.51.100.7', failures: 5 }),
    );
    const viewer = await h.loginAs('viewer');
    expect((await viewer.get('/api/auth/lockouts')).status).toBe(403);
    const cleared = await admin.post('/api/auth/lockouts/clear', { username: ADMIN_USER });
    expect(cleared.body).toEqual({ cleared: 1 });
    expect((await loginFrom(h, '198.51.100.7', ADMIN_PASSWORD)).status).toBe(200);
  });
});

describe('L-6: trusted proxies', () => {
  it('ignores X-Forwarded-For and -Proto unless the proxy is configured', async () => {
    h = await startSecuredConsole({ signIn: false });
    for (let i = 0; i < 5; i++) await loginFrom(h, `203.0.113.${i}`, 'wrong-password');
    const forged = await loginFrom(h, '203.0.113.99', ADMIN_PASSWORD);
    expect(forged.status, 'the address is the peer, not the forged header').toBe(429);
    const proto = await h.anonymous.request('POST', '/api/auth/login', {
      body: { username: 'nobody', password: 'x' },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(proto.status).toBe(401);
  });

  it('refuses a trusted_proxies entry that is no address or range', async () => {
    await expect(
      startSecuredConsole({ env: { PROXICLOUD_TRUSTED_PROXIES: '10.0.0.0/99, proxy.lan' } }),
    ).rejects.toThrow(/PROXICLOUD_TRUSTED_PROXIES.*10\.0\.0\.0\/99, proxy\.lan/);
  });
});

describe('M-2: parallel guesses', () => {
  it('are counted before the password check, so at most five get through', async () => {
    h = await startSecuredConsole({ signIn: false });
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        h!.anonymous.post('/api/auth/login', { username: ADMIN_USER, password: 'wrong-guess' }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    const unauthorized = statuses.filter((s) => s === 401).length;
    // Counted after the password check (the bug), all 12 would be 401. Counted first, five are;
    // the fifth failure locks the pair for 1 s, then 2 s, 4 s: on a loaded machine the burst can
    // outlast a lock, and a guess arriving after it legitimately gets its 401 (at most two more
    // within the 3 s two locks last; the suite's test timeout is far below the third).
    expect(unauthorized).toBeGreaterThanOrEqual(5);
    expect(unauthorized).toBeLessThanOrEqual(7);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - unauthorized);
  });
});

describe('L-5: password change', () => {
  it('is throttled like sign-in: a stolen session cannot guess the current password', async () => {
    h = await startSecuredConsole();
    for (let i = 0; i < 5; i++) {
      const wrong = await h.post('/api/auth/password', {
        currentPassword: `guess-${i}`,
        newPassword: 'a-new-password',
      });
      expect(wrong.status).toBe(400);
    }
    const locked = await h.post('/api/auth/password', {
      currentPassword: ADMIN_PASSWORD,
      newPassword: 'a-new-password',
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('L-4: sign-in takes JSON from the console itself only', () => {
  it('answers 415 to a form-encoded sign-in', async () => {
    h = await startSecuredConsole({ signIn: false });
    const res = await h.anonymous.request('POST', '/api/auth/login', {
      body: `username=${ADMIN_USER}&password=${ADMIN_PASSWORD}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ error: 'Unsupported Media Type' });
    expect(res.body.message).toMatch(/application\/json/);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('refuses cross-site Sec-Fetch-Site and a foreign Origin on public POSTs', async () => {
    h = await startSecuredConsole({ signIn: false });
    const body = { username: ADMIN_USER, password: ADMIN_PASSWORD };
    for (const headers of <Record<string, string>[]>[
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
    ]) {
      const res = await h.anonymous.request('POST', '/api/auth/login', { body, headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.body.message).toMatch(/another site/);
    }
    const own = new URL(h.url);
    const ours: Record<string, string>[] = [
      { 'sec-fetch-site': 'same-origin' },
      { origin: own.origin },
      {},
    ];
    for (const headers of ours) {
      const res = await h.anonymous.request('POST', '/api/auth/login', { body, headers });
      expect(res.status, JSON.stringify(headers)).toBe(200);
    }
  });
});

describe('I-6 and I-8: answers', () => {
  it('marks every /api answer Cache-Control: no-store, errors and cached reads included', async () => {
    h = await startSecuredConsole();
    for (const path of ['/api/auth/me', '/api/containers', '/api/nope', '/api/status']) {
      const res = await h.get(path);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
    expect((await h.anonymous.get('/api/auth/me')).headers.get('cache-control')).toBe('no-store');
  });

  it('names 413, 415 and 431 properly', async () => {
    h = await startSecuredConsole();
    const big = await h.request('POST', '/api/users', {
      body: JSON.stringify({ username: 'x'.repeat(200_000) }),
    });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
    const text = await h.request('POST', '/api/users', {
      body: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
    const long = await h.get(`/api/containers?selector=${'a'.repeat(20_000)}`);
    expect(long.status).toBe(431);
    expect(long.body).toMatchObject({ statusCode: 431, error: 'Request Header Fields Too Large' });
  });
});

describe('the last admin', () => {
  it('survives two admins demoting themselves at the same moment', async () => {
    h = await startSecuredConsole();
    const second = await h.post('/api/users', {
      username: 'second-admin',
      password: 'second-admin-password',
      role: 'admin',
    });
    const users = await h.get('/api/users');
    const firstId = users.body.find((u: { username: string }) => u.username === ADMIN_USER).id;
    const other = await h.login('second-admin', 'second-admin-password');
    const [a, b] = await Promise.all([
      h.patch(`/api/users/${firstId}`, { role: 'viewer' }),
      other.patch(`/api/users/${second.body.id}`, { role: 'viewer' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const admins = await h.app
      .get(DataSource)
      .query(`SELECT COUNT(*) AS n FROM "user" WHERE role = 'admin'`);
    expect(admins[0].n).toBe(1);
  });

  it('survives deleting and demoting at the same moment', async () => {
    h = await startSecuredConsole();
    const second = await h.post('/api/users', {
      username: 'second-admin',
      password: 'second-admin-password',
      role: 'admin',
    });
    const users = await h.get('/api/users');
    const firstId = users.body.find((u: { username: string }) => u.username === ADMIN_USER).id;
    const [a, b] = await Promise.all([
      h.del(`/api/users/${second.body.id}`),
      h.patch(`/api/users/${firstId}`, { role: 'operator' }),
    ]);
    expect([a.status, b.status]).toContain(409);
    const admins = await h.app
      .get(DataSource)
      .query(`SELECT COUNT(*) AS n FROM "user" WHERE role = 'admin'`);
    expect(admins[0].n).toBe(1);
  });
});

describe('L-7: usernames', () => {
  it('are unique regardless of case', async () => {
    h = await startSecuredConsole();
    expect(
      (await h.post('/api/users', { username: 'Carol', password: 'password-c', role: 'viewer' }))
        .status,
    ).toBe(201);
    const clash = await h.post('/api/users', {
      username: 'carol',
      password: 'password-c',
      role: 'viewer',
    });
    expect(clash.status).toBe(409);
    expect(
      (await h.post('/api/users', { username: 'ADMIN', password: 'password-a', role: 'admin' }))
        .status,
    ).toBe(409);
  });
});
