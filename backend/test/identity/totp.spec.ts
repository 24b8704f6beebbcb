import { Secret, TOTP } from 'otpauth';
import { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  ADMIN_USER,
  type ConsoleClient,
  type ConsoleHarness,
} from '../support/console-harness.js';
import { startSecuredConsole } from '../security/secured-console.js';

let h: ConsoleHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** The code an authenticator app shows `offsetSteps` 30 s steps from now. */
function codeFor(secret: string, offsetSteps = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

function login(harness: ConsoleHarness, body: Record<string, string>) {
  return harness.anonymous.post('/api/auth/login', body);
}

/** Pairs the client's account and returns the secret and the recovery codes. */
async function pair(
  client: ConsoleClient,
): Promise<{ secret: string; firstCode: string; recoveryCodes: string[] }> {
  const setup = await client.post('/api/auth/totp/setup');
  expect(setup.status, setup.text).toBe(200);
  const firstCode = codeFor(setup.body.secret);
  const enabled = await client.post('/api/auth/totp/enable', { code: firstCode });
  expect(enabled.status, enabled.text).toBe(200);
  return { secret: setup.body.secret, firstCode, recoveryCodes: enabled.body.recoveryCodes };
}

describe('TOTP two-factor sign-in', () => {
  it('hands out a base32 secret with its otpauth URL and confirms it with a first code', async () => {
    h = await startSecuredConsole();
    expect((await h.get('/api/auth/totp')).body).toEqual({ enabled: false, required: false });
    const setup = await h.post('/api/auth/totp/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(setup.body.otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe(setup.body.secret);
    expect(url.searchParams.get('period')).toBe('30');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe(`/ProxiCloud:${ADMIN_USER}`);

    const wrong = await h.post('/api/auth/totp/enable', { code: '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/code is wrong/);
    const enabled = await h.post('/api/auth/totp/enable', { code: codeFor(setup.body.secret) });
    expect(enabled.status).toBe(200);
    const codes: string[] = enabled.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await h.get('/api/auth/totp')).body).toEqual({
      enabled: true,
      required: false,
      recoveryCodesLeft: 10,
    });
    const again = await h.post('/api/auth/totp/setup');
    expect(again.status).toBe(409);
  });

  it('asks for the code after the password, refuses a replayed code, and signs in with a fresh one', async () => {
    h = await startSecuredConsole();
    const { secret, firstCode } = await pair(h);
    const asked = await login(h, { username: ADMIN_USER, password: ADMIN_PASSWORD });
    expect(asked.status).toBe(401);
    expect(asked.body).toMatchObject({ reason: 'totp-required' });
    expect(asked.body.message).toMatch(/code/);
    expect(asked.headers.getSetCookie()).toEqual([]);

    const wrongPassword = await login(h, {
      username: ADMIN_USER,
      password: 'not-the-password',
      code: codeFor(secret),
    });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body.reason).toBeUndefined();

    // the code that confirmed the pairing is used up: it cannot sign in
    const replayOfEnable = await login(h, {
      username: ADMIN_USER,
      password: ADMIN_PASSWORD,
      code: firstCode,
    });
    expect(replayOfEnable.status).toBe(401);
    expect(replayOfEnable.body.reason).toBe('totp-wrong');

    const next = codeFor(secret, 1);
    const ok = await login(h, { username: ADMIN_USER, password: ADMIN_PASSWORD, code: next });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.headers.getSetCookie().join()).toMatch(/proxicloud_session=/);
    const replay = await login(h, { username: ADMIN_USER, password: ADMIN_PASSWORD, code: next });
    expect(replay.status).toBe(401);
    expect(replay.body.reason).toBe('totp-wrong');
  });

  it('lets two requests with the same code through once only', async () => {
    h = await startSecuredConsole();
    const { secret } = await pair(h);
    const code = codeFor(secret, 1);
    const answers = await Promise.all(
      [1, 2, 3].map(() => login(h!, { username: ADMIN_USER, password: ADMIN_PASSWORD, code })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401]);
  });

  it('accepts each recovery code once, typed with or without dashes and capitals', async () => {
    h = await startSecuredConsole();
    const { recoveryCodes } = await pair(h);
    const [first, second] = recoveryCodes;
    const creds = { username: ADMIN_USER, password: ADMIN_PASSWORD };
    expect((await login(h, { ...creds, code: first })).status).toBe(200);
    const reused = await login(h, { ...creds, code: first });
    expect(reused.status).toBe(401);
    expect(reused.body.reason).toBe('totp-wrong');
    const typed = ` ${second.replace(/-/g, '').toUpperCase()} `;
    expect((await login(h, { ...creds, code: typed })).status).toBe(200);
    expect((await h.get('/api/auth/totp')).body.recoveryCodesLeft).toBe(8);
  });

  it('counts wrong codes like wrong passwords: the address is locked out after five', async () => {
    h = await startSecuredConsole();
    await pair(h);
    const creds = { username: ADMIN_USER, password: ADMIN_PASSWORD };
    const statuses: number[] = [];
    // the lock doubles from 1 s on: by the eighth try it outlasts an argon2 check on a busy machine
    for (let i = 0; i < 8; i++) {
      statuses.push((await login(h, { ...creds, code: String(100000 + i) })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
  });

  it('keeps the secret and the recovery codes out of the database in clear and out of later answers', async () => {
    h = await startSecuredConsole();
    const { secret, recoveryCodes } = await pair(h);
    const db = h.app.get(DataSource);
    const dump = JSON.stringify([
      await db.query('SELECT * FROM totp_credential'),
      await db.query('SELECT * FROM recovery_code'),
    ]);
    expect(dump).not.toContain(secret);
    for (const code of recoveryCodes) {
      expect(dump).not.toContain(code);
      expect(dump).not.toContain(code.replace(/-/g, ''));
    }
    const later = h.answers.length;
    await h.get('/api/auth/totp');
    await h.get('/api/auth/me');
    await h.get('/api/auth/totp/accounts');
    expect(h.answers.slice(later).join()).not.toContain(secret);
  });

  it('turns off only with the password and a code', async () => {
    h = await startSecuredConsole();
    const { secret, recoveryCodes } = await pair(h);
    const noPassword = await h.post('/api/auth/totp/disable', {
      password: 'wrong-password',
      code: codeFor(secret, 1),
    });
    expect(noPassword.status).toBe(400);
    expect(noPassword.body.fields).toHaveProperty('password');
    const noCode = await h.post('/api/auth/totp/disable', {
      password: ADMIN_PASSWORD,
      code: '000000',
    });
    expect(noCode.status).toBe(400);
    expect(noCode.body.fields).toHaveProperty('code');
    const missing = await h.post('/api/auth/totp/disable', { password: ADMIN_PASSWORD });
    expect(missing.status).toBe(400);
    const off = await h.post('/api/auth/totp/disable', {
      password: ADMIN_PASSWORD,
      code: recoveryCodes[0],
    });
    expect(off.status, off.text).toBe(204);
    const plain = await login(h, { username: ADMIN_USER, password: ADMIN_PASSWORD });
    expect(plain.status).toBe(200);
  });

  it('has nothing for API tokens', async () => {
    h = await startSecuredConsole();
    const token = await h.withToken('admin');
    const res = await token.post('/api/auth/totp/setup');
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/API tokens/);
  });
});

describe('TOTP administration', () => {
  it('requires two-factor for every local account: without it only the setup answers', async () => {
    h = await startSecuredConsole();
    const viewer = await h.loginAs('viewer');
    const policy = await h.post('/api/auth/totp/policy', { required: true });
    expect(policy.status).toBe(200);
    expect(policy.body).toEqual({ required: true, enabledUserIds: [] });
    expect((await viewer.post('/api/auth/totp/policy', { required: false })).status).toBe(403);

    const me = await viewer.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.totpSetupRequired).toBe(true);
    const blocked = await viewer.get('/api/containers');
    expect(blocked.status).toBe(403);
    expect(blocked.body.reason).toBe('totp-setup-required');

    await pair(viewer);
    expect((await viewer.get('/api/containers')).status).toBe(200);
    expect((await viewer.get('/api/auth/me')).body.totpSetupRequired).toBeUndefined();
    // admins too: the one who switched it on sets it up before anything else
    expect((await h.get('/api/auth/totp/accounts')).body.reason).toBe('totp-setup-required');
    await pair(h);
    const accounts = await h.get('/api/auth/totp/accounts');
    expect(accounts.body.enabledUserIds).toHaveLength(2);
  });

  it("resets a user's two-factor: the account signs in with its password again", async () => {
    h = await startSecuredConsole();
    const created = await h.post('/api/users', {
      username: 'lost-phone',
      password: 'lost-phone-password',
      role: 'operator',
    });
    const user = await h.login('lost-phone', 'lost-phone-password');
    await pair(user);
    const creds = { username: 'lost-phone', password: 'lost-phone-password' };
    expect((await login(h, creds)).status).toBe(401);
    expect((await h.post('/api/auth/totp/reset', { userId: 9999 })).status).toBe(404);
    expect((await h.post('/api/auth/totp/reset', { userId: 'x' })).status).toBe(400);
    expect((await user.post('/api/auth/totp/reset', { userId: created.body.id })).status).toBe(403);
    const reset = await h.post('/api/auth/totp/reset', { userId: created.body.id });
    expect(reset.status).toBe(204);
    expect((await login(h, creds)).status).toBe(200);
  });

  it('forgets the authenticator with its account', async () => {
    h = await startSecuredConsole();
    const created = await h.post('/api/users', {
      username: 'short-lived',
      password: 'short-lived-password',
      role: 'viewer',
    });
    await pair(await h.login('short-lived', 'short-lived-password'));
    expect((await h.del(`/api/users/${created.body.id}`)).status).toBe(204);
    const db = h.app.get(DataSource);
    expect(await db.query('SELECT * FROM totp_credential')).toEqual([]);
    expect(await db.query('SELECT * FROM recovery_code')).toEqual([]);
    const again = await h.post('/api/users', {
      username: 'short-lived',
      password: 'short-lived-password',
      role: 'viewer',
    });
    expect(again.status).toBe(201);
    expect(
      (await login(h, { username: 'short-lived', password: 'short-lived-password' })).status,
    ).toBe(200);
  });
});

describe('L-8: sign-ins in the activity feed', () => {
  it('records successes, failures, lock-outs and two-factor changes with the address', async () => {
    h = await startSecuredConsole({ env: { PROXICLOUD_TRUSTED_PROXIES: 'loopback' } });
    const from = (address: string, password: string) =>
      h!.anonymous.request('POST', '/api/auth/login', {
        body: { username: ADMIN_USER, password },
        headers: { 'x-forwarded-for': address },
      });
    await from('198.51.100.9', 'wrong-password');
    for (let i = 0; i < 8; i++) await from('198.51.100.8', 'wrong-password');
    await from('192.0.2.44', ADMIN_PASSWORD);
    const { recoveryCodes } = await pair(h);
    await h.post('/api/auth/totp/disable', { password: ADMIN_PASSWORD, code: recoveryCodes[0] });
    const feed = (await h.get('/api/activity?limit=100')).body.entries as {
      actor: string;
      action: string;
      result: string;
      message: string;
    }[];
    expect(feed).toContainEqual(
      expect.objectContaining({
        actor: ADMIN_USER,
        action: 'sign-in',
        result: 'ok',
        message: 'from 192.0.2.44: password',
      }),
    );
    expect(feed).toContainEqual(
      expect.objectContaining({
        action: 'sign-in',
        result: 'error',
        message: expect.stringMatching(/^from 198\.51\.100\.9: Wrong/),
      }),
    );
    expect(feed).toContainEqual(
      expect.objectContaining({
        action: 'sign-in-locked',
        result: 'error',
        message: expect.stringMatching(/^from 198\.51\.100\.8: Too many/),
      }),
    );
    expect(feed).toContainEqual(expect.objectContaining({ action: '2fa-off', result: 'ok' }));
  });
});
