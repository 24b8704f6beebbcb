import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config/config.loader.js';
import type { ConsoleHarness } from '../support/console-harness.js';
import { startSecuredConsole } from '../security/secured-console.js';

/**
 * I-3: with auth.allowed_hosts set, a request naming another host (a rebound DNS name) is refused
 * with 421 before any route runs; listed names, loopback names and an empty list pass.
 */
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startSecuredConsole({
    env: { PROXICLOUD_ALLOWED_HOSTS: 'proxicloud.lan, *.ops.lan' },
  });
});
afterAll(() => h?.stop());

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A GET with this exact Host header (fetch would not send a foreign one). */
function getWithHost(
  harness: ConsoleHarness,
  path: string,
  host: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const url = new URL(path, harness.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { ...headers, host } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('I-3: allowed hosts', () => {
  it('answers 421 with a message to a Host that is not listed, before sign-in is even checked', async () => {
    for (const path of ['/api/health', '/api/containers', '/api/auth/me', '/']) {
      const res = await getWithHost(h, path, 'rebound.attacker.example:8080', h.authHeaders());
      expect(res.status, path).toBe(421);
      expect(JSON.parse(res.body)).toEqual({
        statusCode: 421,
        error: 'Misdirected Request',
        message: expect.stringMatching(
          /^This console does not answer to the host name 'rebound\.attacker\.example:8080': open it at one of the names in auth\.allowed_hosts/,
        ),
      });
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('serves the listed names, names under a *.domain entry and loopback names', async () => {
    for (const host of ['proxicloud.lan', 'PROXICLOUD.lan:8443', 'pve1.ops.lan', 'localhost:80']) {
      const res = await getWithHost(h, '/api/containers', host, h.authHeaders());
      expect(res.status, host).toBe(200);
    }
    expect((await h.get('/api/containers')).status).toBe(200);
    expect((await getWithHost(h, '/api/containers', 'ops.lan', h.authHeaders())).status).toBe(421);
  });

  it('refuses a terminal WebSocket to a Host that is not listed', async () => {
    const ws = new WebSocket(`${h.url.replace('http', 'ws')}/api/containers/101/terminal`, {
      headers: {
        ...h.authHeaders(),
        host: 'rebound.attacker.example',
        origin: 'http://rebound.attacker.example',
      },
    });
    const refused = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      ws.on('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      ws.on('open', () => reject(new Error('the terminal opened')));
      ws.on('error', () => undefined);
    });
    expect(refused.status).toBe(421);
    expect(JSON.parse(refused.body)).toMatchObject({ error: 'Misdirected Request' });
  });

  it('answers every host while the list is empty (the default)', async () => {
    const open = await startSecuredConsole();
    try {
      const res = await getWithHost(
        open,
        '/api/containers',
        'any.name.example',
        open.authHeaders(),
      );
      expect(res.status).toBe(200);
    } finally {
      await open.stop();
    }
  });

  it('refuses at start an entry with a port or a scheme', () => {
    expect(() =>
      loadConfig({
        PROXICLOUD_CONFIG: '/dev/null',
        PROXICLOUD_ALLOWED_HOSTS: 'proxicloud.lan:8080,https://ops.lan',
      }),
    ).toThrow(/PROXICLOUD_ALLOWED_HOSTS.*proxicloud\.lan:8080, https:\/\/ops\.lan/s);
  });
});
