import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_SECRET_FILE } from '../../src/auth/session-secret.js';
import { SessionsService } from '../../src/auth/sessions.service.js';
import { ADMIN_PASSWORD, ADMIN_USER, type ConsoleHarness } from '../support/console-harness.js';
import { cookieAttributes, startSecuredConsole } from './secured-console.js';

const COOKIE = 'proxicloud_session';
let h: ConsoleHarness | undefined;

afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/**
 * Moves every session's clock back, as if time had passed. The write goes around SessionsService
 * on its own connection, so the service is told to read its index again, as it does by itself
 * when another process writes.
 */
async function ageSessions(harness: ConsoleHarness, field: 'lastSeenAt' | 'createdAt', ms: number) {
  const db = harness.app.get(DataSource);
  await db.query(`UPDATE "session" SET "${field}" = "${field}" - ?`, [ms]);
  await harness.app.get(SessionsService).reloadIndex();
}

describe('sessions', () => {
  it('signs in with a password and sets an HttpOnly, SameSite=Strict cookie, not Secure over HTTP', async () => {
    h = await startSecuredConsole({ signIn: false });
    const res = await h.anonymous.post('/api/auth/login', {
      username: ADMIN_USER,
      password: ADMIN_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ username: ADMIN_USER, role: 'admin', kind: 'session' });
    expect(res.body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const attrs = cookieAttributes(res.headers, COOKIE);
    expect(attrs).toMatchObject({ httponly: '', samesite: 'strict', path: '/' });
    expect(attrs).not.toHaveProperty('secure');
    expect(Number(attrs?.['max-age'])).toBe(12 * 3600);
  });

  it('marks the cookie Secure when a trusted proxy says the request came over HTTPS', async () => {
    h = await startSecuredConsole({
      signIn: false,
      env: { PROXICLOUD_TRUSTED_PROXIES: 'loopback' },
    });
    const res = await h.anonymous.request('POST', '/api/auth/login', {
      body: { username: ADMIN_USER, password: ADMIN_PASSWORD },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(res.status).toBe(200);
    expect(cookieAttributes(res.headers, COOKIE)).toHaveProperty('secure');
  });

  it('always marks it Secure when PROXICLOUD_SECURE_COOKIES=true', async () => {
    h = await startSecuredConsole({ signIn: false, env: { PROXICLOUD_SECURE_COOKIES: 'true' } });
    const res = await h.anonymous.post('/api/auth/login', {
      username: ADMIN_USER,
      password: ADMIN_PASSWORD,
    });
    expect(cookieAttributes(res.headers, COOKIE)).toHaveProperty('secure');
  });

  it('refuses a wrong password and an unknown user with the same 401 message', async () => {
    h = await startSecuredConsole({ signIn: false });
    const wrong = await h.anonymous.post('/api/auth/login', {
      username: ADMIN_USER,
      password: 'nope-nope',
    });
    const unknown = await h.anonymous.post('/api/auth/login', {
      username: 'ghost',
      password: 'nope-nope',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('answers /api/auth/me with the user and the CSRF token, and 401 without a session', async () => {
    h = await startSecuredConsole();
    const me = await h.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: ADMIN_USER, role: 'admin', kind: 'session' });
    expect(me.body.csrfToken).toBe(h.auth.kind === 'session' && h.auth.csrfToken);
    expect((await h.anonymous.get('/api/auth/me')).status).toBe(401);
    const forged = h.as({ kind: 'session', cookie: 'forged-cookie-value', csrfToken: 'x' });
    expect((await forged.get('/api/auth/me')).status).toBe(401);
  });

  it('logs out: the cookie is cleared and the old session no longer works', async () => {
    h = await startSecuredConsole();
    const out = await h.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(
      /proxicloud_session=;.*Expires=Thu, 01 Jan 1970/,
    );
    expect((await h.get('/api/auth/me')).status).toBe(401);
  });

  it('ends a session after the idle timeout', async () => {
    h = await startSecuredConsole({ env: { PROXICLOUD_SESSION_IDLE_MIN: '5' } });
    await ageSessions(h, 'lastSeenAt', 4 * 60_000);
    expect((await h.get('/api/auth/me')).status).toBe(200);
    await ageSessions(h, 'lastSeenAt', 4 * 60_000);
    expect((await h.get('/api/auth/me')).status, 'activity keeps it alive').toBe(200);
    await ageSessions(h, 'lastSeenAt', 6 * 60_000);
    expect((await h.get('/api/auth/me')).status).toBe(401);
  });

  it('ends a session after the absolute timeout however active it is', async () => {
    h = await startSecuredConsole({ env: { PROXICLOUD_SESSION_MAX_HOURS: '2' } });
    await ageSessions(h, 'createdAt', 2 * 3_600_000 + 1000);
    expect((await h.get('/api/auth/me')).status).toBe(401);
  });

  it('keeps sessions across a restart, hashed in SQLite with a 0600 secret file', async () => {
    h = await startSecuredConsole();
    const db = h.app.get(DataSource);
    const rows: { idHash: string }[] = await db.query('SELECT "idHash" FROM "session"');
    const cookie = h.auth.kind === 'session' ? h.auth.cookie : '';
    expect(rows).toHaveLength(1);
    expect(rows[0].idHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].idHash).not.toContain(cookie);
    expect(statSync(join(h.dataDir, SESSION_SECRET_FILE)).mode & 0o777).toBe(0o600);
    await h.app.close();

    const again = await startSecuredConsole({
      existingSim: h.sim,
      signIn: false,
      env: {
        PROXICLOUD_DATA_DIR: h.dataDir,
        PROXICLOUD_PVE_TOKEN_SECRET: h.tokenSecret,
      },
    });
    try {
      expect((await again.as(h.auth).get('/api/auth/me')).status).toBe(200);
    } finally {
      await again.app.close();
    }
  });

  it('changing the password ends the other sessions and renews the current one', async () => {
    h = await startSecuredConsole();
    const other = await h.login(ADMIN_USER, ADMIN_PASSWORD);
    const wrong = await h.post('/api/auth/password', {
      currentPassword: 'not-the-password',
      newPassword: 'a-new-password',
    });
    expect(wrong.status).toBe(400);
    const res = await h.post('/api/auth/password', {
      currentPassword: ADMIN_PASSWORD,
      newPassword: 'a-new-password',
    });
    expect(res.status).toBe(200);
    expect((await other.get('/api/auth/me')).status).toBe(401);
    expect((await h.get('/api/auth/me')).status, 'old cookie of this browser').toBe(401);
    const renewed = cookieAttributes(res.headers, COOKIE);
    expect(renewed).toBeDefined();
    await expect(h.login(ADMIN_USER, ADMIN_PASSWORD)).rejects.toThrow(/401/);
    expect((await (await h.login(ADMIN_USER, 'a-new-password')).get('/api/auth/me')).status).toBe(
      200,
    );
  });
});
