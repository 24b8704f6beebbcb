import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, ADMIN_USER, type ConsoleHarness } from '../support/console-harness.js';
import { startSecuredConsole } from './secured-console.js';

let h: ConsoleHarness | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

const SECOND = { username: 'second-admin', password: 'second-admin-password', role: 'admin' };

describe('the configured admin (M-3)', () => {
  it('does not come back at a restart after it was deleted', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'proxicloud-bootstrap-'));
    h = await startSecuredConsole({ dataDir });
    expect((await h.post('/api/users', SECOND)).status).toBe(201);
    const second = await h.login(SECOND.username, SECOND.password);
    const users = (await second.get<{ id: number; username: string }[]>('/api/users')).body;
    const configured = users.find((u) => u.username === ADMIN_USER)!;
    expect((await second.del(`/api/users/${configured.id}`)).status).toBe(204);
    await h.stop();

    h = await startSecuredConsole({ dataDir, signIn: false });
    const login = await h.anonymous.post('/api/auth/login', {
      username: ADMIN_USER,
      password: ADMIN_PASSWORD,
    });
    expect(login.status).toBe(401);
    const names = await h.app
      .get(DataSource)
      .query<{ username: string }[]>('SELECT "username" FROM "user"');
    expect(names.map((n) => n.username)).toEqual([SECOND.username]);
    await expect(h.login(SECOND.username, SECOND.password)).resolves.toBeDefined();
  });

  it('is not created on a database that had an admin before the flag existed', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'proxicloud-bootstrap-'));
    h = await startSecuredConsole({ dataDir });
    expect((await h.post('/api/users', SECOND)).status).toBe(201);
    const db = h.app.get(DataSource);
    await db.query(`DELETE FROM "user" WHERE "username" = ?`, [ADMIN_USER]);
    // as a database written before the BootstrapState migration: no flag, an admin present
    await db.query('DELETE FROM "bootstrap_state"');
    await h.stop();

    h = await startSecuredConsole({ dataDir, signIn: false });
    const flag = await h.app.get(DataSource).query<unknown[]>('SELECT * FROM "bootstrap_state"');
    expect(flag).toHaveLength(1);
    const login = await h.anonymous.post('/api/auth/login', {
      username: ADMIN_USER,
      password: ADMIN_PASSWORD,
    });
    expect(login.status).toBe(401);
  });
});
