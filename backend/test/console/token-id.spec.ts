import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleHarness } from '../support/console-harness.js';

// an OIDC realm user whose name is an e-mail address: PVE's user_regex is [^\s:/]+
const TOKEN_ID = 'jane@corp.com@oidc!console';
const secret = randomUUID();
let h: ConsoleHarness;

beforeAll(async () => {
  h = await startConsole({
    sim: { tokens: [{ tokenId: TOKEN_ID, secret, privsep: false }] },
    env: { PROXICLOUD_PVE_TOKEN_ID: TOKEN_ID, PROXICLOUD_PVE_TOKEN_SECRET: secret },
  });
});
afterAll(async () => {
  await h?.stop();
});

describe('an API token of a user whose name holds @', () => {
  it('is accepted by the config and used against Proxmox', async () => {
    const res = await h.get('/api/containers');
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
  });

  it('owns the tasks it starts, split after the realm', async () => {
    const started = await h.post('/api/containers/108/start');
    expect(started.status, started.text).toBe(202);
    const task = await h.waitForTask(started.body.upid);
    expect(task.ok).toBe(true);
    expect(task.user).toBe('jane@corp.com@oidc');
  });
});
