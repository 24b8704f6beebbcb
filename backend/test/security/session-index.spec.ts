import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE } from '../../src/database/data-source.js';
import { type ApiAnswer, type ConsoleHarness, startConsole } from '../support/console-harness.js';

// Sessions are checked against an in-memory index; these prove that every way a session ends or
// changes applies to the very next request, and that a change made outside the process (another
// connection to the database) reaches the index too.
let h: ConsoleHarness;
let nextUser = 0;

beforeAll(async () => {
  h = await startConsole();
});
afterAll(() => h?.stop());

async function newUser(role: 'viewer' | 'operator' | 'admin') {
  const username = `user${++nextUser}`;
  const password = `password-${username}`;
  const created = await h.post('/api/users', { username, password, role });
  expect(created.status).toBe(201);
  return { id: created.body.id as number, password, session: await h.login(username, password) };
}

describe('the session index', () => {
  it('ends a session on logout for the very next request', async () => {
    const { session } = await newUser('viewer');
    expect((await session.get('/api/auth/me')).status).toBe(200);
    expect((await session.post('/api/auth/logout')).status).toBe(204);
    expect((await session.get('/api/auth/me')).status).toBe(401);
  });

  it('ends the old sessions when the user changes their password', async () => {
    const { session, password } = await newUser('viewer');
    const other = await h.login(`user${nextUser}`, password);
    const changed = await session.post('/api/auth/password', {
      currentPassword: password,
      newPassword: 'a-new-password-123',
    });
    expect(changed.status, changed.text).toBe(200);
    expect((await other.get('/api/auth/me')).status).toBe(401);
  });

  it('ends a user’s sessions when an admin sets their password', async () => {
    const { id, session } = await newUser('operator');
    expect((await session.get('/api/auth/me')).status).toBe(200);
    const reset = await h.patch(`/api/users/${id}`, { password: 'set-by-the-admin-1' });
    expect(reset.status, reset.text).toBe(200);
    expect((await session.get('/api/auth/me')).status).toBe(401);
  });

  it('applies a demotion to the very next request', async () => {
    const { id, session } = await newUser('admin');
    expect((await session.get('/api/users')).status).toBe(200);
    expect((await h.patch(`/api/users/${id}`, { role: 'viewer' })).status).toBe(200);
    expect((await session.get('/api/users')).status).toBe(403);
    expect((await session.get('/api/auth/me')).body.role).toBe('viewer');
  });

  it('ends a deleted user’s sessions for the very next request', async () => {
    const { id, session } = await newUser('viewer');
    expect((await session.get('/api/containers')).status).toBe(200);
    expect((await h.del(`/api/users/${id}`)).status).toBe(204);
    expect((await session.get('/api/containers')).status).toBe(401);
  });

  it('finds a session ended by another process within a few seconds', async () => {
    const { session } = await newUser('viewer');
    expect((await session.get('/api/auth/me')).status).toBe(200);
    const outside = new Database(join(h.dataDir, DATABASE_FILE));
    try {
      outside
        .prepare('DELETE FROM "session" WHERE "userId" = (SELECT MAX("id") FROM "user")')
        .run();
    } finally {
      outside.close();
    }
    await vi.waitFor(async () => expect((await session.get('/api/auth/me')).status).toBe(401), {
      timeout: 5_000,
      interval: 200,
    });
  });

  it('finds a role changed by another process within a few seconds', async () => {
    const { id, session } = await newUser('admin');
    expect((await session.get('/api/users')).status).toBe(200);
    const outside = new Database(join(h.dataDir, DATABASE_FILE));
    try {
      outside.prepare(`UPDATE "user" SET "role" = 'viewer' WHERE "id" = ?`).run(id);
    } finally {
      outside.close();
    }
    await vi.waitFor(async () => expect((await session.get('/api/users')).status).toBe(403), {
      timeout: 5_000,
      interval: 200,
    });
  });
});

describe('the container list', () => {
  it('is serialized once per cluster snapshot, not once per request', async () => {
    await h.get('/api/containers');
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const answers: ApiAnswer[] = [];
      for (let i = 0; i < 5; i++) answers.push(await h.get('/api/containers'));
      const fetchedAt = new Set(answers.map((a) => a.body.fetchedAt));
      const lists = stringify.mock.calls.filter(([value]) => {
        return typeof value === 'object' && value !== null && 'items' in value;
      });
      expect(lists.length).toBeLessThanOrEqual(fetchedAt.size);
      const sameSnapshot = answers.filter((a) => a.body.fetchedAt === answers[0].body.fetchedAt);
      expect(new Set(sameSnapshot.map((a) => a.text)).size).toBe(1);
      expect(answers[0].headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(answers[0].headers.get('x-cache-status')).toMatch(/HIT|MISS/);
    } finally {
      stringify.mockRestore();
    }
  });

  it('still filters per request', async () => {
    const all = (await h.get('/api/containers')).body.items as { status: string }[];
    const running = await h.get('/api/containers?status=running');
    expect(running.body.items.length).toBe(all.filter((c) => c.status === 'running').length);
    expect(running.body.items.every((c: { status: string }) => c.status === 'running')).toBe(true);
  });
});
