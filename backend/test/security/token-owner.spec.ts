import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleClient, ConsoleHarness } from '../support/console-harness.js';
import { startSecuredConsole } from './secured-console.js';

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startSecuredConsole();
});
afterAll(async () => {
  await h?.stop();
});

/** A second admin, signed in, and one token it made. */
async function adminWithToken(name: string): Promise<{
  id: number;
  owner: ConsoleClient;
  token: ConsoleClient;
}> {
  const created = await h.post('/api/users', {
    username: name,
    password: `${name}-password`,
    role: 'admin',
  });
  expect(created.status).toBe(201);
  const owner = await h.login(name, `${name}-password`);
  const res = await owner.post('/api/tokens', { name: `${name}-ci`, role: 'operator' });
  expect(res.status).toBe(201);
  expect(res.body.ownerId).toBe(created.body.id);
  const token = h.as({ kind: 'token', token: res.body.token as string });
  expect((await token.get('/api/containers')).status).toBe(200);
  return { id: created.body.id as number, owner, token };
}

describe('API tokens belong to the account that made them (L-3)', () => {
  it('are revoked when that account is deleted', async () => {
    const { id, token } = await adminWithToken('leaver');
    expect((await h.del(`/api/users/${id}`)).status).toBe(204);
    const refused = await token.get('/api/containers');
    expect(refused.status).toBe(401);
    const row = (await h.get('/api/tokens')).body.find(
      (t: { name: string }) => t.name === 'leaver-ci',
    );
    expect(row.revokedAt).toEqual(expect.any(String));
  });

  it('are revoked when that account loses its admin role, and not by a password change', async () => {
    const { id, token } = await adminWithToken('demoted');
    expect((await h.patch(`/api/users/${id}`, { password: 'a-new-password-9' })).status).toBe(200);
    expect((await token.get('/api/containers')).status).toBe(200);
    expect((await h.patch(`/api/users/${id}`, { role: 'operator' })).status).toBe(200);
    expect((await token.get('/api/containers')).status).toBe(401);
  });

  it('made by a token belong to that token’s account', async () => {
    const { id, token } = await adminWithToken('automator');
    const admin = await h.post('/api/tokens', { name: 'automator-admin', role: 'admin' });
    // the harness admin's token makes a token: it belongs to the harness admin, not to automator
    const byToken = await h
      .as({ kind: 'token', token: admin.body.token as string })
      .post('/api/tokens', { name: 'made-by-token', role: 'viewer' });
    expect(byToken.status).toBe(201);
    expect(byToken.body.ownerId).toBe(admin.body.ownerId);
    expect(byToken.body.createdBy).toBe('token:automator-admin');
    expect((await h.del(`/api/users/${id}`)).status).toBe(204);
    expect((await token.get('/api/containers')).status).toBe(401);
    const survivor = h.as({ kind: 'token', token: byToken.body.token as string });
    expect((await survivor.get('/api/containers')).status).toBe(200);
  });
});

describe('API token expiry', () => {
  it('is set in days and refuses the token once it has passed', async () => {
    const res = await h.post('/api/tokens', {
      name: 'short-lived',
      role: 'viewer',
      expiresInDays: 7,
    });
    expect(res.status).toBe(201);
    const days = (Date.parse(res.body.expiresAt as string) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const token = h.as({ kind: 'token', token: res.body.token as string });
    expect((await token.get('/api/containers')).status).toBe(200);
    await h.app
      .get(DataSource)
      .query('UPDATE "api_token" SET "expiresAt" = ? WHERE "id" = ?', [
        Date.now() - 1,
        res.body.id,
      ]);
    const expired = await token.get('/api/containers');
    expect(expired.status).toBe(401);
    expect(expired.body.message).toBe('The API token is unknown, expired or revoked');
  });

  it('refuses a zero, fractional or too long expiry with 400', async () => {
    for (const expiresInDays of [0, 1.5, 3651, '30']) {
      const res = await h.post('/api/tokens', {
        name: 'bad-expiry',
        role: 'viewer',
        expiresInDays,
      });
      expect(res.status, String(expiresInDays)).toBe(400);
      expect(res.body.message).toMatch(/expiresInDays/);
    }
  });
});
