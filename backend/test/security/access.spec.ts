import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleClient, ConsoleHarness } from '../support/console-harness.js';
import { startSecuredConsole } from './secured-console.js';

let h: ConsoleHarness;
let viewer: ConsoleClient;
let operator: ConsoleClient;

beforeAll(async () => {
  h = await startSecuredConsole();
  viewer = await h.loginAs('viewer');
  operator = await h.loginAs('operator');
});
afterAll(() => h.stop());

const CREATE = { template: 'debian-12-standard', hostname: 'roles-test' };

describe('roles', () => {
  it('lets a viewer read but not act', async () => {
    expect((await viewer.get('/api/containers')).status).toBe(200);
    expect((await viewer.get('/api/activity')).status).toBe(200);
    const stop = await viewer.post('/api/containers/101/stop');
    expect(stop.status).toBe(403);
    expect(stop.body.message).toBe('This needs the operator role; you are viewer');
    expect((await viewer.get('/api/users')).status).toBe(403);
  });

  it('lets an operator start and stop but not create, delete or download templates', async () => {
    const start = await operator.post('/api/containers/101/start');
    expect([202, 409]).toContain(start.status);
    for (const [method, path, body] of [
      ['POST', '/api/containers', CREATE],
      ['DELETE', '/api/containers/101', undefined],
      ['POST', '/api/templates/download', { node: 'pve1', template: 'x' }],
      ['POST', '/api/users', { username: 'x1', password: 'password-1', role: 'admin' }],
      ['POST', '/api/tokens', { name: 'nope', role: 'admin' }],
    ] as const) {
      const res = await operator.request(method, path, { body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.message).toMatch(/needs the admin role/);
    }
  });

  it('lets an admin manage users, but never remove the last admin', async () => {
    const created = await h.post('/api/users', {
      username: 'carol',
      password: 'password-c',
      role: 'viewer',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      username: 'carol',
      role: 'viewer',
      createdAt: expect.any(String),
    });
    expect(
      (await h.post('/api/users', { username: 'carol', password: 'password-c', role: 'viewer' }))
        .status,
    ).toBe(409);
    const promoted = await h.patch(`/api/users/${created.body.id}`, { role: 'operator' });
    expect(promoted.body.role).toBe('operator');
    const list = await h.get('/api/users');
    expect(list.text).not.toMatch(/argon2|passwordHash/);
    const adminId = list.body.find((u: { username: string }) => u.username === 'admin').id;
    expect((await h.patch(`/api/users/${adminId}`, { role: 'viewer' })).status).toBe(409);
    expect((await h.del(`/api/users/${adminId}`)).status).toBe(400);
    expect((await h.del(`/api/users/${created.body.id}`)).status).toBe(204);
    expect((await h.del(`/api/users/${created.body.id}`)).status).toBe(404);
  });

  it('applies a role change to sessions that are already open', async () => {
    const dave = await h.post('/api/users', {
      username: 'dave',
      password: 'password-d',
      role: 'operator',
    });
    const session = await h.login('dave', 'password-d');
    expect((await session.post('/api/containers/999/stop')).status).not.toBe(403);
    await h.patch(`/api/users/${dave.body.id}`, { role: 'viewer' });
    expect((await session.post('/api/containers/999/stop')).status).toBe(403);
    await h.del(`/api/users/${dave.body.id}`);
    expect((await session.get('/api/auth/me')).status, 'deleted user').toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request of a cookie session without the X-CSRF-Token header', async () => {
    if (operator.auth.kind !== 'session') throw new Error('operator should have a session');
    const { cookie } = operator.auth;
    for (const token of [undefined, '', 'wrong-token', `${operator.auth.csrfToken}x`]) {
      const res = await h.anonymous.request('POST', '/api/containers/101/stop', {
        headers: {
          cookie: `proxicloud_session=${cookie}`,
          ...(token === undefined ? {} : { 'x-csrf-token': token }),
        },
      });
      expect(res.status, `token ${token}`).toBe(403);
      expect(res.body.message).toMatch(/CSRF token missing or wrong/);
    }
  });

  it("does not accept another session's CSRF token", async () => {
    if (operator.auth.kind !== 'session' || viewer.auth.kind !== 'session')
      throw new Error('sessions');
    const res = await h
      .as({ ...operator.auth, csrfToken: viewer.auth.csrfToken })
      .post('/api/containers/101/stop');
    expect(res.status).toBe(403);
  });

  it('needs no CSRF token for GET nor for Bearer tokens', async () => {
    const token = await h.withToken('operator');
    expect((await token.post('/api/containers/101/stop')).status).not.toBe(403);
  });
});

describe('API tokens', () => {
  it('are shown once, stored hashed, scoped by role, record their last use and can be revoked', async () => {
    const token = await h.withToken('viewer', 'ci-reader');
    if (token.auth.kind !== 'token') throw new Error('token');
    expect(token.auth.token).toMatch(/^pxc_[\w-]{40,}$/);
    const listed = await h.get('/api/tokens');
    const row = listed.body.find((t: { name: string }) => t.name === 'ci-reader');
    expect(row).toMatchObject({ role: 'viewer', createdBy: 'admin' });
    expect(row.lastUsedAt).toBeUndefined();
    expect(listed.text).not.toContain(token.auth.token);

    expect((await token.get('/api/containers')).status).toBe(200);
    expect((await token.post('/api/containers/101/stop')).status).toBe(403);
    const used = (await h.get('/api/tokens')).body.find(
      (t: { name: string }) => t.name === 'ci-reader',
    );
    expect(Date.parse(used.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);

    const revoked = await h.del(`/api/tokens/${token.tokenId}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const after = await token.get('/api/containers');
    expect(after.status).toBe(401);
    expect(after.body.message).toBe('The API token is unknown, expired or revoked');
  });

  it('refuses a made-up token and a malformed Authorization header', async () => {
    const fake = h.as({ kind: 'token', token: 'pxc_made-up-token-value-that-does-not-exist' });
    expect((await fake.get('/api/containers')).status).toBe(401);
    const basic = await h.anonymous.request('GET', '/api/containers', {
      headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
    });
    expect(basic.status).toBe(401);
  });
});

describe('activity actor', () => {
  it('records the signed-in user or token:<name> as the actor of an action', async () => {
    const token = await h.withToken('operator', 'nightly');
    const bySession = await operator.post('/api/containers/108/start');
    const byToken = await token.post('/api/containers/109/start');
    expect([bySession.status, byToken.status]).toEqual([202, 202]);
    const me = (await operator.get('/api/auth/me')).body.username;
    const mine = await h.get(`/api/activity?actor=${encodeURIComponent(me)}`);
    expect(mine.body.entries.map((e: { target: string }) => e.target)).toContain('ct/108');
    const tokens = await h.get('/api/activity?actor=token%3Anightly');
    expect(tokens.body.entries).toEqual([
      expect.objectContaining({
        actor: 'token:nightly',
        action: 'start',
        target: 'ct/109',
        upid: byToken.body.upid,
      }),
    ]);
    const csv = await h.get('/api/activity/export?actor=token%3Anightly');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')[0]).toBe(
      'at,actor,action,target,node,result,upid,message,endedAt',
    );
    expect(csv.text).toContain(',token:nightly,start,ct/109,');
  });
});
