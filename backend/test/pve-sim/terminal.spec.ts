import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { ROOT_TOKEN, SimClient, startTestSim } from './sim-client.js';

let sim: PveSimHandle;
let api: SimClient;
const AUDIT = { tokenId: 'audit@pve!t', secret: '4d9e2f73-a031-4c5d-9e8f-9a0b1c2d3e4f' };
const TOKEN_HEADER = `PVEAPIToken=${ROOT_TOKEN.tokenId}=${ROOT_TOKEN.secret}`;

beforeAll(async () => {
  ({ sim, api } = await startTestSim({
    tokens: [
      { ...ROOT_TOKEN, privsep: false },
      { ...AUDIT, privsep: false, privileges: { '/': ['VM.Audit'] } },
    ],
  }));
});
afterAll(async () => {
  await api.close();
  await sim.stop();
});

interface Proxy {
  user: string;
  ticket: string;
  port: number;
  upid: string;
}

function open(path: string, proxy: Proxy, ticket = proxy.ticket): WebSocket {
  const q = new URLSearchParams({ port: String(proxy.port), vncticket: ticket });
  return new WebSocket(
    `${sim.url.replace('https', 'wss')}/api2/json${path}/vncwebsocket?${q.toString()}`,
    'binary',
    {
      ca: sim.certificate,
      headers: { Authorization: TOKEN_HEADER },
    },
  );
}

/** Collects what the terminal prints until `pattern` appears. */
function until(ws: WebSocket, seen: { text: string }, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      if (!pattern.test(seen.text)) return false;
      ws.off('message', onMessage);
      resolve(seen.text);
      return true;
    };
    const onMessage = (): void => void check();
    if (check()) return;
    ws.on('message', onMessage);
    setTimeout(() => reject(new Error(`no ${pattern} in ${JSON.stringify(seen.text)}`)), 3000);
  });
}

const frame = (text: string): string => `0:${Buffer.byteLength(text)}:${text}`;

describe('termproxy and vncwebsocket (LXC.pm, termproxy protocol)', () => {
  const ct = '/nodes/pve1/lxc/101';

  it('opens a simulated shell: OK, prompt, hostname, resize, keep-alive, exit', async () => {
    const res = await api.post(`${ct}/termproxy`);
    expect(res.status, res.statusText).toBe(200);
    const proxy = res.body.data as Proxy;
    expect(proxy.user).toBe(ROOT_TOKEN.tokenId);
    expect(proxy.ticket).toMatch(/^PVEVNC:[0-9A-F]{8}::/);
    expect(proxy.upid).toMatch(/:vncproxy:101:/);
    const ws = open(ct, proxy);
    expect(await new Promise((r) => ws.once('open', () => r(ws.protocol)))).toBe('binary');
    const seen = { text: '' };
    ws.on('message', (d: Buffer) => (seen.text += d.toString('utf8')));
    ws.send(`${proxy.user}:${proxy.ticket}\n`);
    await until(ws, seen, /^OK/);
    await until(ws, seen, /root@web-1:~# $/);
    ws.send('1:120:40:');
    ws.send('2');
    seen.text = '';
    ws.send(frame('hostname\r'));
    expect(await until(ws, seen, /web-1\r\n.*root@web-1:~# $/s)).toContain('hostname\r\nweb-1\r\n');
    seen.text = '';
    ws.send(frame('ip a\r'));
    expect(await until(ws, seen, /# $/)).toContain('inet 10.10.0.101/24');
    seen.text = '';
    ws.send(frame('rm -rf /\r'));
    expect(await until(ws, seen, /# $/)).toContain('-bash: rm: command not found');
    const closed = new Promise((r) => ws.once('close', r));
    ws.send(frame('exit\r'));
    await closed;
    const task = await api.waitTask(proxy.upid);
    expect(task.exitstatus).toBe('OK');
  });

  it('refuses a wrong ticket at the upgrade and a token without VM.Console', async () => {
    const proxy = (await api.post(`${ct}/termproxy`)).body.data as Proxy;
    const ws = open(ct, proxy, 'PVEVNC:00000000::forged');
    const status = await new Promise((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      ws.on('open', () => resolve('opened'));
    });
    expect(status).toBe(401);
    const denied = await api
      .withAuth({ token: `${AUDIT.tokenId}=${AUDIT.secret}` })
      .post(`${ct}/termproxy`);
    expect(denied.status).toBe(403);
    expect(denied.statusText).toBe('Permission check failed (/vms/101, VM.Console)');
  });

  it('ends the session when the CT is not running', async () => {
    const proxy = (await api.post('/nodes/pve2/lxc/108/termproxy')).body.data as Proxy;
    const ws = open('/nodes/pve2/lxc/108', proxy);
    await new Promise((r) => ws.once('open', r));
    const closed = new Promise((r) => ws.once('close', r));
    ws.send(`${proxy.user}:${proxy.ticket}\n`);
    await closed;
    expect((await api.waitTask(proxy.upid)).exitstatus).toBe('CT 108 not running');
  });
});
