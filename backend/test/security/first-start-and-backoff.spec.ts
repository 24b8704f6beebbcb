import type { LoggerService } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_USER, type ConsoleHarness } from '../support/console-harness.js';
import { startSecuredConsole } from './secured-console.js';

let h: ConsoleHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** A Nest logger that keeps every line, to read what the console printed. */
function capturingLogger(lines: string[]): LoggerService {
  const keep = (message: unknown) => void lines.push(String(message));
  return { log: keep, warn: keep, error: keep, debug: keep, verbose: keep, fatal: keep };
}

/** The console without PROXICLOUD_ADMIN_*: it must print a setup code instead. */
async function startWithoutAdmin(lines: string[]): Promise<ConsoleHarness> {
  return startSecuredConsole({
    signIn: false,
    logger: capturingLogger(lines),
    env: { PROXICLOUD_ADMIN_USER: '', PROXICLOUD_ADMIN_PASSWORD: '' },
  });
}

describe('first start', () => {
  it('prints a one-time setup code that creates the first admin, stores only its hash and works once', async () => {
    const lines: string[] = [];
    h = await startWithoutAdmin(lines);
    const printed = lines.filter((l) => /setup code/.test(l));
    expect(printed).toHaveLength(1);
    const code = /setup code ([A-Z0-9-]{19})/.exec(printed[0])?.[1];
    expect(code).toBeDefined();
    expect((await h.anonymous.get('/api/auth/setup')).body).toEqual({ required: true });
    expect(
      (await h.anonymous.post('/api/auth/login', { username: 'admin', password: 'admin' })).status,
    ).toBe(401);

    const wrong = await h.anonymous.post('/api/auth/setup', {
      code: 'AAAA-BBBB-CCCC-DDDD',
      username: 'root-admin',
      password: 'first-admin-password',
    });
    expect(wrong.status).toBe(401);

    const right = await h.anonymous.post('/api/auth/setup', {
      code: code!.toLowerCase(),
      username: 'root-admin',
      password: 'first-admin-password',
    });
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({ username: 'root-admin', role: 'admin', kind: 'session' });
    expect(right.headers.getSetCookie().join()).toMatch(/proxicloud_session=/);

    const again = await h.anonymous.post('/api/auth/setup', {
      code,
      username: 'second-admin',
      password: 'second-admin-password',
    });
    expect(again.status).toBe(409);
    expect((await h.anonymous.get('/api/auth/setup')).body).toEqual({ required: false });
    const hashes: { passwordHash: string }[] = await h.app
      .get(DataSource)
      .query('SELECT "passwordHash" FROM "user"');
    expect(hashes).toHaveLength(1);
    expect(hashes[0].passwordHash).toMatch(/^\$argon2id\$/);
    expect(lines.join('\n')).not.toContain('first-admin-password');
  });

  it('creates the admin from PROXICLOUD_ADMIN_USER/PASSWORD and prints no code', async () => {
    const lines: string[] = [];
    h = await startSecuredConsole({ signIn: false, logger: capturingLogger(lines) });
    expect(lines.join('\n')).not.toMatch(/setup code/);
    expect((await h.anonymous.get('/api/auth/setup')).body).toEqual({ required: false });
    await expect(h.loginAs('admin')).resolves.toBeDefined();
    expect(lines.join('\n')).toContain(`Created admin account '${ADMIN_USER}'`);
  });
});

describe('login rate limiting', () => {
  it('answers 429 with Retry-After after five failures, even for the right password, and the wait grows', async () => {
    h = await startSecuredConsole({ signIn: false });
    const attempt = (password: string) =>
      h!.anonymous.post('/api/auth/login', { username: ADMIN_USER, password });
    for (let i = 0; i < 4; i++) expect((await attempt('wrong-password')).status).toBe(401);
    expect((await attempt('wrong-password')).status, 'fifth failure locks').toBe(401);
    const locked = await attempt('harness-admin-password');
    expect(locked.status).toBe(429);
    expect(locked.body.message).toMatch(/Too many failed sign-ins: try again in 1 s/);
    expect(locked.headers.get('retry-after')).toBe('1');

    await new Promise((r) => setTimeout(r, 1100));
    expect((await attempt('wrong-password')).status, 'sixth failure').toBe(401);
    const longer = await attempt('wrong-password');
    expect(longer.status).toBe(429);
    expect(Number(longer.headers.get('retry-after'))).toBe(2);
  });

  it('lets the right password in once the lock-out has passed, and then forgets the failures', async () => {
    h = await startSecuredConsole({ signIn: false });
    for (let i = 0; i < 5; i++) {
      await h.anonymous.post('/api/auth/login', {
        username: ADMIN_USER,
        password: 'wrong-password',
      });
    }
    await new Promise((r) => setTimeout(r, 1100));
    await expect(h.loginAs('admin')).resolves.toBeDefined();
    const next = await h.anonymous.post('/api/auth/login', {
      username: ADMIN_USER,
      password: 'wrong-password',
    });
    expect(next.status, 'a new failure after success is a first failure again').toBe(401);
  });
});
