import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_USER, type ConsoleClient, type ConsoleHarness } from '../support/console-harness.js';
import { startSecuredConsole } from '../security/secured-console.js';

/**
 * L-8: account, API token and two-factor changes reach the activity feed with who made them,
 * from which address (X-Forwarded-For of a trusted proxy here) and whether they were carried out.
 */
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startSecuredConsole({ env: { PROXICLOUD_TRUSTED_PROXIES: 'loopback' } });
});
afterAll(() => h?.stop());

interface Entry {
  actor: string;
  action: string;
  target: string;
  result: string;
  message: string;
}

const ADMIN_ADDRESS = '203.0.113.5';

/** The admin's request, as if it came through the proxy from ADMIN_ADDRESS. */
function asAdmin(method: string, path: string, body?: unknown) {
  return h.request(method, path, { body, headers: { 'x-forwarded-for': ADMIN_ADDRESS } });
}

async function feed(query: string): Promise<Entry[]> {
  const res = await h.get(`/api/activity?limit=1000&${query}`);
  expect(res.status, res.text).toBe(200);
  return res.body.entries as Entry[];
}

function codeFor(secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate();
}

describe('L-8: account changes in the activity feed', () => {
  it('records creating an account, its role change and password reset by the admin', async () => {
    const created = await asAdmin('POST', '/api/users', {
      username: 'audited-ann',
      password: 'audited-ann-password',
      role: 'viewer',
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as number;
    expect((await asAdmin('PATCH', `/api/users/${id}`, { role: 'operator' })).status).toBe(200);
    expect(
      (await asAdmin('PATCH', `/api/users/${id}`, { password: 'a-new-password!' })).status,
    ).toBe(200);
    const entries = await feed('target=user/audited-ann');
    expect(entries.map((e) => [e.action, e.actor, e.result, e.message])).toEqual([
      ['user-password', ADMIN_USER, 'ok', `from ${ADMIN_ADDRESS}: password reset, sessions ended`],
      ['user-role', ADMIN_USER, 'ok', `from ${ADMIN_ADDRESS}: viewer -> operator`],
      ['user-create', ADMIN_USER, 'ok', `from ${ADMIN_ADDRESS}: role viewer`],
    ]);
  });

  it('records deleting an account with the API tokens that went with it', async () => {
    const created = await asAdmin('POST', '/api/users', {
      username: 'audited-bob',
      password: 'audited-bob-password',
      role: 'admin',
    });
    const bob = await h.login('audited-bob', 'audited-bob-password');
    expect((await bob.post('/api/tokens', { name: 'bobs-backup', role: 'viewer' })).status).toBe(
      201,
    );
    expect((await asAdmin('DELETE', `/api/users/${created.body.id}`)).status).toBe(204);
    const [deleted] = await feed('target=user/audited-bob&action=user-delete');
    expect(deleted).toMatchObject({
      actor: ADMIN_USER,
      result: 'ok',
      message: `from ${ADMIN_ADDRESS}: was admin, API tokens revoked: bobs-backup`,
    });
  });

  it('records refused changes as errors: deleting yourself, demoting the last admin', async () => {
    const me = (await h.get('/api/users')).body.find(
      (u: { username: string }) => u.username === ADMIN_USER,
    );
    expect((await asAdmin('DELETE', `/api/users/${me.id}`)).status).toBe(400);
    expect((await asAdmin('PATCH', `/api/users/${me.id}`, { role: 'viewer' })).status).toBe(409);
    const refused = await feed(`target=user/${ADMIN_USER}&result=error`);
    expect(refused.map((e) => [e.action, e.actor, e.message])).toEqual([
      [
        'user-role',
        ADMIN_USER,
        `from ${ADMIN_ADDRESS}: Cannot demote yourself ${ADMIN_USER}: it is the last admin`,
      ],
      ['user-delete', ADMIN_USER, `from ${ADMIN_ADDRESS}: You cannot delete your own account`],
    ]);
  });

  it('records a password change by the account itself, refused and done', async () => {
    const user = await h.loginAs('viewer');
    const me = (await user.get('/api/auth/me')).body.username as string;
    const change = (currentPassword: string) =>
      user.request('POST', '/api/auth/password', {
        body: { currentPassword, newPassword: 'a-brand-new-password' },
        headers: { 'x-forwarded-for': '198.51.100.23' },
      });
    expect((await change('not-my-password')).status).toBe(400);
    const users = (await h.get('/api/users')).body as { id: number; username: string }[];
    const id = users.find((u) => u.username === me)!.id;
    // the harness does not know the random password: reset it, then change it as the user
    await asAdmin('PATCH', `/api/users/${id}`, { password: 'known-password-1' });
    const again = await h.login(me, 'known-password-1');
    const done = await again.request('POST', '/api/auth/password', {
      body: { currentPassword: 'known-password-1', newPassword: 'a-brand-new-password' },
      headers: { 'x-forwarded-for': '198.51.100.23' },
    });
    expect(done.status, done.text).toBe(200);
    const entries = await feed(`target=user/${me}&action=password-change`);
    expect(entries.map((e) => [e.actor, e.result, e.message])).toEqual([
      [me, 'ok', 'from 198.51.100.23: sessions ended'],
      [me, 'error', 'from 198.51.100.23: The current password is wrong'],
    ]);
  });
});

describe('L-8: API tokens in the activity feed', () => {
  it('records who created and who revoked a token, from where', async () => {
    const created = await asAdmin('POST', '/api/tokens', {
      name: 'audited-ci',
      role: 'operator',
      expiresInDays: 30,
    });
    expect(created.status, created.text).toBe(201);
    expect((await asAdmin('DELETE', `/api/tokens/${created.body.id}`)).status).toBe(200);
    // revoking again changes nothing and records nothing
    expect((await asAdmin('DELETE', `/api/tokens/${created.body.id}`)).status).toBe(200);
    const entries = await feed('target=token/audited-ci');
    expect(entries.map((e) => [e.action, e.actor, e.result, e.message])).toEqual([
      ['token-revoke', ADMIN_USER, 'ok', `from ${ADMIN_ADDRESS}`],
      [
        'token-create',
        ADMIN_USER,
        'ok',
        `from ${ADMIN_ADDRESS}: role operator, expires ${created.body.expiresAt}`,
      ],
    ]);
  });

  it('names the token as the actor when a token makes a token', async () => {
    const token = await h.withToken('admin', 'audited-maker');
    expect(
      (await token.post('/api/tokens', { name: 'audited-child', role: 'viewer' })).status,
    ).toBe(201);
    const [made] = await feed('target=token/audited-child');
    expect(made).toMatchObject({
      action: 'token-create',
      actor: 'token:audited-maker',
      result: 'ok',
      message: expect.stringMatching(/^from \S+: role viewer, no expiry$/),
    });
  });
});

describe('L-8: two-factor changes in the activity feed', () => {
  let user: ConsoleClient;
  let username: string;
  let userId: number;

  beforeAll(async () => {
    user = await h.loginAs('operator');
    username = (await user.get('/api/auth/me')).body.username;
    userId = ((await h.get('/api/users')).body as { id: number; username: string }[]).find(
      (u) => u.username === username,
    )!.id;
  });

  it('records the account turning it on and an admin resetting it', async () => {
    const setup = await user.post('/api/auth/totp/setup');
    const on = await user.request('POST', '/api/auth/totp/enable', {
      body: { code: codeFor(setup.body.secret) },
      headers: { 'x-forwarded-for': '192.0.2.77' },
    });
    expect(on.status, on.text).toBe(200);
    expect((await asAdmin('POST', '/api/auth/totp/reset', { userId })).status).toBe(204);
    const entries = await feed(`target=user/${username}`);
    const twoFactor = entries.filter((e) => e.action.startsWith('2fa-'));
    expect(twoFactor.map((e) => [e.action, e.actor, e.result, e.message])).toEqual([
      [
        '2fa-reset',
        ADMIN_USER,
        'ok',
        `from ${ADMIN_ADDRESS}: authenticator and recovery codes removed`,
      ],
      ['2fa-on', username, 'ok', 'from 192.0.2.77'],
    ]);
  });

  it('records each change of the policy that requires it, and only changes', async () => {
    // once it is required, the admin's own session must pair first: the rest goes through a token
    const token = await h.withToken('admin', 'audited-policy');
    const policy = (required: boolean, client: ConsoleClient = h) =>
      client.request('POST', '/api/auth/totp/policy', {
        body: { required },
        headers: { 'x-forwarded-for': ADMIN_ADDRESS },
      });
    expect((await policy(true)).status).toBe(200);
    expect((await policy(true, token)).status).toBe(200);
    expect((await policy(false, token)).status).toBe(200);
    const entries = await feed('action=2fa-policy');
    expect(entries.map((e) => [e.actor, e.target, e.result, e.message])).toEqual([
      ['token:audited-policy', 'settings/two-factor', 'ok', `from ${ADMIN_ADDRESS}: optional`],
      [
        ADMIN_USER,
        'settings/two-factor',
        'ok',
        `from ${ADMIN_ADDRESS}: required for every local account`,
      ],
    ]);
  });
});
