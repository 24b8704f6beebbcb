import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  startConsole,
  type ConsoleClient,
  type ConsoleHarness,
} from '../support/console-harness.js';

let h: ConsoleHarness;

beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => {
  await h?.stop();
});

const READONLY = { id: 'auditor@pve!readonly', secret: '7c1e9f20-5d3b-4e8a-a6b4-0c2d4e6f8a10' };

function cookieOf(client: ConsoleClient): string {
  if (client.auth.kind !== 'session') throw new Error('not a session');
  return `proxicloud_session=${client.auth.cookie}`;
}

function connect(
  harness: ConsoleHarness,
  vmid: number,
  headers: Record<string, string>,
): { ws: WebSocket; seen: { text: string; messages: number } } {
  const ws = new WebSocket(`${harness.url.replace('http', 'ws')}/api/containers/${vmid}/terminal`, {
    headers,
  });
  const seen = { text: '', messages: 0 };
  ws.on('message', (d: Buffer) => {
    seen.messages++;
    seen.text += d.toString('utf8');
  });
  return { ws, seen };
}

function until(seen: { text: string }, pattern: RegExp, ms = 4000): Promise<string> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (pattern.test(seen.text)) return resolve(seen.text);
      if (Date.now() > deadline)
        return reject(new Error(`no ${pattern} in ${JSON.stringify(seen.text)}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

/** The HTTP status the upgrade was refused with, and whether any data arrived. */
async function refusal(
  harness: ConsoleHarness,
  vmid: number,
  headers: Record<string, string>,
): Promise<{ status: number | string; body: string; messages: number }> {
  const { ws, seen } = connect(harness, vmid, headers);
  return new Promise((resolve) => {
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, messages: seen.messages }));
    });
    ws.on('open', () => resolve({ status: 'opened', body: '', messages: seen.messages }));
    ws.on('error', () => undefined);
  });
}

const termproxyCalls = (): number =>
  h.sim.requests.filter((r) => r.path.endsWith('/termproxy')).length;

describe('the container terminal over a WebSocket (termproxy through pve-sim)', () => {
  it('opens a shell: prompt, hostname answers the CT hostname, resize, exit', async () => {
    const { ws, seen } = connect(h, 101, { cookie: cookieOf(h), origin: h.url });
    await new Promise((r) => ws.once('open', r));
    await until(seen, /root@web-1:~# $/);
    ws.send(JSON.stringify({ type: 'resize', cols: 132, rows: 43 }));
    ws.send('stty size\r');
    await until(seen, /43 132\r\n/);
    seen.text = '';
    ws.send('hostname\r');
    const out = await until(seen, /hostname\r\nweb-1\r\nroot@web-1:~# $/);
    expect(out).toContain('web-1');
    const closed = new Promise((r) => ws.once('close', r));
    ws.send('exit\r');
    await closed;
  });

  it('refuses a foreign Origin, a missing Origin and no session before any data', async () => {
    const before = termproxyCalls();
    const foreign = await refusal(h, 101, { cookie: cookieOf(h), origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).message).toMatch(/not this console/);
    expect(foreign.messages).toBe(0);
    const noOrigin = await refusal(h, 101, { cookie: cookieOf(h) });
    expect(noOrigin.status).toBe(403);
    const anonymous = await refusal(h, 101, { origin: h.url });
    expect(anonymous.status).toBe(401);
    expect(anonymous.messages).toBe(0);
    const viewer = await h.loginAs('viewer');
    const weak = await refusal(h, 101, { cookie: cookieOf(viewer), origin: h.url });
    expect(weak.status).toBe(403);
    expect(termproxyCalls()).toBe(before);
  });

  it('says so when the container is stopped or unknown', async () => {
    const stopped = await refusal(h, 108, { cookie: cookieOf(h), origin: h.url });
    expect(stopped.status).toBe(409);
    expect(JSON.parse(stopped.body).message).toBe('CT 108 is stopped; start it to open a terminal');
    expect((await refusal(h, 999, { cookie: cookieOf(h), origin: h.url })).status).toBe(404);
  });

  it('names VM.Console when the Proxmox token lacks it', async () => {
    const ro = await startConsole({
      existingSim: h.sim,
      env: { PROXICLOUD_PVE_TOKEN_ID: READONLY.id, PROXICLOUD_PVE_TOKEN_SECRET: READONLY.secret },
    });
    try {
      const before = termproxyCalls();
      const res = await refusal(ro, 101, { cookie: cookieOf(ro), origin: ro.url });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ privilege: 'VM.Console', path: '/vms/101' });
      expect(termproxyCalls()).toBe(before);
    } finally {
      await ro.stop();
    }
  });
});

describe('container addresses (GET /api/containers/{vmid}/interfaces)', () => {
  it('gives the interfaces of a running container and refuses a stopped one', async () => {
    const res = await h.get('/api/containers/101/interfaces');
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.map((i: any) => i.name)).toEqual(['lo', 'eth0']);
    expect(res.body.items[1].inet).toBe('10.10.0.101/24');
    const stopped = await h.get('/api/containers/108/interfaces');
    expect(stopped.status).toBe(409);
    expect(stopped.body.message).toMatch(/only while it runs/);
  });
});
