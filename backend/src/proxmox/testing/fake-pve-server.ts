import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import selfsigned from 'selfsigned';

/** Test-only: a throwaway HTTPS server on 127.0.0.1 that answers canned PVE-shaped responses. */
export interface RecordedRequest {
  method: string;
  /** path and query exactly as sent, e.g. /api2/json/cluster/nextid?vmid=100 */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface FakeReply {
  status?: number;
  /** the HTTP reason phrase; old PVE servers carry the error text only here */
  reason?: string;
  /** objects are sent as JSON, strings as they are */
  body?: unknown;
  delayMs?: number;
}

export type FakeHandler = (req: RecordedRequest) => FakeReply;

export interface TestCertificates {
  caCert: string;
  /** signed by caCert, valid for localhost and 127.0.0.1 */
  serverCert: string;
  serverKey: string;
  /** SHA-256 of serverCert, upper-case hex pairs */
  serverFingerprint: string;
  /** a second, unrelated self-signed certificate */
  otherCert: string;
  otherKey: string;
}

export async function makeTestCertificates(): Promise<TestCertificates> {
  const ca = await selfsigned.generate([{ name: 'commonName', value: 'Test PVE CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true },
    ],
  });
  const server = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  const other = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
  });
  return {
    caCert: ca.cert,
    serverCert: server.cert,
    serverKey: server.private,
    serverFingerprint: new X509Certificate(server.cert).fingerprint256,
    otherCert: other.cert,
    otherKey: other.private,
  };
}

export interface FakePve {
  baseUrl: string;
  requests: RecordedRequest[];
  /** TCP connections accepted (proves a client connected even if it sent no request) */
  connections: number;
  handler: FakeHandler;
  close(): Promise<void>;
}

function record(req: IncomingMessage, body: string): RecordedRequest {
  const url = new URL(req.url ?? '/', 'https://localhost');
  return {
    method: req.method ?? '',
    url: req.url ?? '',
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body,
  };
}

function send(res: ServerResponse, reply: FakeReply): void {
  const status = reply.status ?? 200;
  const isText = typeof reply.body === 'string';
  const payload = isText ? (reply.body as string) : JSON.stringify(reply.body ?? { data: null });
  res.writeHead(status, reply.reason ?? '', {
    'Content-Type': isText ? 'text/plain' : 'application/json;charset=UTF-8',
  });
  res.end(payload);
}

export async function startFakePve(
  cert: string,
  key: string,
  handler: FakeHandler,
  /** 0: a free port; a port given again brings a closed fake back at the same URL */
  port = 0,
): Promise<FakePve> {
  const server = https.createServer({ cert, key });
  const fake: FakePve = {
    baseUrl: '',
    requests: [],
    connections: 0,
    handler,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('connection', () => (fake.connections += 1));
  server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = record(req, Buffer.concat(chunks).toString('utf8'));
      fake.requests.push(recorded);
      const reply = fake.handler(recorded);
      setTimeout(() => send(res, reply), reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  fake.baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** Reads a fixture from backend/test/fixtures/pve as parsed JSON. */
export function pveFixture<T = unknown>(name: string): T {
  const url = new URL(`../../../test/fixtures/pve/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}
