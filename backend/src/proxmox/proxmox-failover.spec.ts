import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProxmoxClient } from './proxmox.client.js';
import type { ProxmoxConnectionOptions } from './proxmox.types.js';
import { proxmoxFailure, TEST_SECRET } from './testing/client-harness.js';
import {
  type FakePve,
  type FakeReply,
  makeTestCertificates,
  pveFixture,
  startFakePve,
  type TestCertificates,
} from './testing/fake-pve-server.js';
import { X509Certificate } from 'node:crypto';

const UPID = 'UPID:pve1:00001234:00005678:65000000:vzstart:101:console@pve!console:';
const ok = (req: { path: string }): FakeReply =>
  req.path.endsWith('/status/start')
    ? { body: { data: UPID } }
    : { body: { data: pveFixture('version-pve8.json') } };

let certs: TestCertificates;
/** node A (preferred) and node B, each with its own certificate, as in a PVE cluster */
let a: FakePve;
let b: FakePve;
let fpB: string;
const clients: ProxmoxClient[] = [];

function connect(options: Partial<ProxmoxConnectionOptions> = {}): ProxmoxClient {
  const client = new ProxmoxClient({
    baseUrl: a.baseUrl,
    fingerprint: certs.serverFingerprint,
    fallbacks: [{ baseUrl: b.baseUrl, fingerprint: fpB }],
    tokenId: 'console@pve!console',
    tokenSecret: TEST_SECRET,
    retries: 0,
    retryDelayMs: 1,
    timeoutMs: 1_000,
    ...options,
  });
  clients.push(client);
  return client;
}

async function closedUrl(): Promise<string> {
  const gone = await startFakePve(certs.serverCert, certs.serverKey, ok);
  await gone.close();
  return gone.baseUrl;
}

beforeAll(async () => {
  certs = await makeTestCertificates();
  fpB = new X509Certificate(certs.otherCert).fingerprint256;
  a = await startFakePve(certs.serverCert, certs.serverKey, ok);
  b = await startFakePve(certs.otherCert, certs.otherKey, ok);
});
afterEach(() => {
  clients.splice(0).forEach((c) => c.close());
  a.requests.length = 0;
  b.requests.length = 0;
  a.handler = ok;
  b.handler = ok;
});
afterAll(async () => {
  await a.close();
  await b.close();
});

describe('several node URLs of one cluster', () => {
  it('talks to the preferred (first) node while it answers', async () => {
    const client = connect();
    await client.getVersion();
    expect(a.requests).toHaveLength(1);
    expect(b.requests).toHaveLength(0);
    expect(client.endpoint()).toEqual({
      url: a.baseUrl,
      urls: [a.baseUrl, b.baseUrl],
      preferred: true,
    });
  });

  it('sends a read to the next node when the preferred one refuses connections, and stays there', async () => {
    const dead = await closedUrl();
    const client = connect({ baseUrl: dead });
    await expect(client.getVersion()).resolves.toMatchObject({ version: expect.any(String) });
    expect(client.endpoint()).toMatchObject({ url: b.baseUrl, preferred: false });
    await client.getVersion();
    expect(b.requests.map((r) => r.path)).toEqual(['/api2/json/version', '/api2/json/version']);
  });

  it('sends a write to the next node when the preferred one never took the connection', async () => {
    const client = connect({ baseUrl: await closedUrl() });
    const upid = await client.containerAction('pve1', 101, 'start');
    expect(upid.upid).toBe(UPID);
    expect(b.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('sends a cluster-wide read that timed out to the next node', async () => {
    a.handler = () => ({ body: { data: {} }, delayMs: 2_000 });
    const client = connect({ timeoutMs: 150 });
    await expect(client.getVersion()).resolves.toBeDefined();
    expect(client.endpoint().url).toBe(b.baseUrl);
  });

  it('never sends a write again elsewhere once it may have reached a node', async () => {
    a.handler = () => ({ body: { data: UPID }, delayMs: 2_000 });
    const client = connect({ timeoutMs: 100, nodeTimeoutMs: 150 });
    const error = await proxmoxFailure(client.containerAction('pve1', 101, 'start'));
    expect(error.code).toBe('timeout');
    expect(b.requests).toHaveLength(0);
  });

  it('does not fail over on an answer: an error, or a 59x about a node behind the endpoint', async () => {
    a.handler = (req) =>
      req.path.includes('/storage')
        ? { status: 595, reason: 'Connection refused' }
        : { status: 500, reason: 'CT 101 already running' };
    const client = connect();
    expect((await proxmoxFailure(client.containerAction('pve1', 101, 'start'))).code).toBe(
      'conflict',
    );
    expect((await proxmoxFailure(client.listStorages('pve2'))).code).toBe('unreachable');
    expect(b.requests).toHaveLength(0);
    expect(client.endpoint().preferred).toBe(true);
  });

  it('does not fail over when the preferred node presents another certificate than pinned', async () => {
    const client = connect({ fingerprint: fpB });
    const error = await proxmoxFailure(client.getVersion());
    expect(error).toMatchObject({ code: 'tls', details: { reason: 'fingerprint-mismatch' } });
    expect(b.requests).toHaveLength(0);
  });

  it('returns to the preferred node once it answers again', async () => {
    const gone = await startFakePve(certs.serverCert, certs.serverKey, ok);
    await gone.close();
    const port = Number(new URL(gone.baseUrl).port);
    const client = connect({ baseUrl: gone.baseUrl, preferredRecheckMs: 0 });
    await client.getVersion();
    expect(client.endpoint().preferred).toBe(false);
    const back = await startFakePve(certs.serverCert, certs.serverKey, ok, port);
    try {
      for (let i = 0; i < 50 && !client.endpoint().preferred; i++) {
        await client.getVersion();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(client.endpoint()).toMatchObject({ url: gone.baseUrl, preferred: true });
      await client.getNodes().catch(() => undefined);
      expect(back.requests.map((r) => r.path)).toContain('/api2/json/nodes');
    } finally {
      await back.close();
    }
  });

  it('tells the call observers it is back on the preferred node from the answer that brought it back', async () => {
    const gone = await startFakePve(certs.serverCert, certs.serverKey, ok);
    await gone.close();
    const port = Number(new URL(gone.baseUrl).port);
    const client = connect({ baseUrl: gone.baseUrl, preferredRecheckMs: 0 });
    await client.getVersion();
    const seen: { path: string; url: string; error: unknown }[] = [];
    client.observeCalls((o) =>
      seen.push({ path: o.path, url: client.endpoint().url, error: o.error }),
    );
    const back = await startFakePve(certs.serverCert, certs.serverKey, ok, port);
    try {
      // one call, still answered by B, starts the check of A in the background; no call after it
      await client.getVersion();
      for (let i = 0; i < 50 && !seen.some((s) => s.url === gone.baseUrl); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(client.endpoint().preferred).toBe(true);
      expect(seen).toEqual([
        { path: '/version', url: b.baseUrl, error: undefined },
        { path: '/version', url: gone.baseUrl, error: undefined },
      ]);
      expect(back.requests.map((r) => r.path)).toEqual(['/api2/json/version']);
    } finally {
      await back.close();
    }
  });

  it('gives the first failure when no node answers', async () => {
    const client = connect({
      baseUrl: await closedUrl(),
      fallbacks: [{ baseUrl: await closedUrl(), fingerprint: fpB }],
    });
    const error = await proxmoxFailure(client.getVersion());
    expect(error.code).toBe('unreachable');
    expect(client.endpoint().preferred).toBe(true);
  });
});
