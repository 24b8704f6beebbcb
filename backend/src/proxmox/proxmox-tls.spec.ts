import type { AddressInfo } from 'node:net';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ProxmoxClient, normalizeFingerprint } from './proxmox.client.js';
import { ProxmoxError } from './proxmox.errors.js';
import type { ProxmoxConnectionOptions } from './proxmox.types.js';
import {
  type FakePve,
  type TestCertificates,
  makeTestCertificates,
  pveFixture,
  startFakePve,
} from './testing/fake-pve-server.js';

const SECRET = '5ec2e7a1-0000-4000-8000-5ec2e75ec2e7';
let certs: TestCertificates;
let pve: FakePve;
const clients: ProxmoxClient[] = [];

function client(options: Partial<ProxmoxConnectionOptions>, warn = vi.fn()): ProxmoxClient {
  const created = new ProxmoxClient(
    {
      baseUrl: pve.baseUrl,
      tokenId: 'root@pam!console',
      tokenSecret: SECRET,
      retries: 0,
      ...options,
    },
    { warn },
  );
  clients.push(created);
  return created;
}

async function failure(promise: Promise<unknown>): Promise<ProxmoxError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProxmoxError);
  return error as ProxmoxError;
}

beforeAll(async () => {
  certs = await makeTestCertificates();
  pve = await startFakePve(certs.serverCert, certs.serverKey, () => ({
    body: pveFixture('version-pve8.json'),
  }));
});

afterEach(() => {
  clients.splice(0).forEach((c) => c.close());
  pve.requests.length = 0;
  pve.connections = 0;
});

afterAll(() => pve?.close());

describe('normalizeFingerprint', () => {
  it('turns any case and separator into upper-case pairs joined by colons', () => {
    const hex = 'e8b9b636c6911a2416e4782e006d455ee8187c5cfc094844dc9f36107bb37842';
    expect(normalizeFingerprint(hex)).toBe(
      'E8:B9:B6:36:C6:91:1A:24:16:E4:78:2E:00:6D:45:5E:E8:18:7C:5C:FC:09:48:44:DC:9F:36:10:7B:B3:78:42',
    );
    expect(normalizeFingerprint(`sha256 ${hex.match(/../g)!.join('-')}`)).toBe(
      normalizeFingerprint(hex),
    );
  });

  it('rejects something that is not a SHA-256 fingerprint', () => {
    expect(() => normalizeFingerprint('AA:BB:CC')).toThrow(/64 hex digits/);
  });
});

describe('TLS with a pinned fingerprint', () => {
  it('talks to the server whose certificate matches the pin, in any spelling', async () => {
    const pin = certs.serverFingerprint.toLowerCase().replaceAll(':', '');
    await expect(client({ fingerprint: pin }).getVersion()).resolves.toEqual({
      version: '8.4-1',
      release: '8.4',
      repoid: '761609f7',
    });
    expect(pve.requests[0].headers.authorization).toBe(`PVEAPIToken=root@pam!console=${SECRET}`);
  });

  it('refuses a different certificate before sending a single request byte', async () => {
    const wrongPin = normalizeFingerprint('ab'.repeat(32));
    const error = await failure(client({ fingerprint: wrongPin }).getVersion());
    expect(error.code).toBe('tls');
    expect(error.details.reason).toBe('fingerprint-mismatch');
    expect(error.details.presentedFingerprint).toBe(certs.serverFingerprint);
    expect(error.message).toContain('fingerprint mismatch');
    expect(error.message).not.toContain(SECRET);
    expect(pve.connections).toBeGreaterThan(0);
    // give any bytes the client might have written time to arrive before proving there were none
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pve.requests).toHaveLength(0);
  });

  it('lets an unpinned server receive zero decrypted bytes, not even a partial request', async () => {
    let received = 0;
    const raw = tls.createServer({ cert: certs.otherCert, key: certs.otherKey }, (socket) => {
      socket.on('data', (chunk: Buffer) => (received += chunk.length));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    try {
      const port = (raw.address() as AddressInfo).port;
      const pinned = client({
        baseUrl: `https://127.0.0.1:${port}`,
        fingerprint: certs.serverFingerprint,
      });
      const error = await failure(pinned.getVersion());
      expect(error.details.reason).toBe('fingerprint-mismatch');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(received).toBe(0);
    } finally {
      await new Promise((resolve) => raw.close(resolve));
    }
  });

  it('checks the pin even when the certificate would be trusted by the given CA', async () => {
    const wrongPin = normalizeFingerprint('cd'.repeat(32));
    const error = await failure(client({ fingerprint: wrongPin, ca: certs.caCert }).getVersion());
    expect(error.details.reason).toBe('fingerprint-mismatch');
    expect(pve.requests).toHaveLength(0);
  });

  it('reuses one kept-alive connection for several calls', async () => {
    const pinned = client({ fingerprint: certs.serverFingerprint });
    await pinned.getVersion();
    await pinned.getVersion();
    await pinned.checkConnection();
    expect(pve.requests).toHaveLength(3);
    expect(pve.connections).toBe(1);
  });
});

describe('TLS verified by certificate authority', () => {
  it('trusts a server signed by the given CA (PEM text)', async () => {
    await expect(client({ ca: certs.caCert }).getVersion()).resolves.toMatchObject({
      release: '8.4',
    });
  });

  it('refuses the self-signed certificate without pin or CA, with reason untrusted', async () => {
    const error = await failure(client({}).getVersion());
    expect(error.code).toBe('tls');
    expect(error.details.reason).toBe('untrusted');
    expect(pve.requests).toHaveLength(0);
  });

  it('refuses a server whose certificate the given CA did not sign', async () => {
    const other = await startFakePve(certs.otherCert, certs.otherKey, () => ({
      body: { data: null },
    }));
    try {
      const c = new ProxmoxClient({
        baseUrl: other.baseUrl,
        tokenId: 'root@pam!console',
        tokenSecret: SECRET,
        ca: certs.caCert,
        retries: 0,
      });
      clients.push(c);
      const error = await failure(c.getVersion());
      expect(error.details.reason).toBe('untrusted');
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });
});

describe('TLS handshake failures', () => {
  it.each([
    ['a pinned', () => ({ fingerprint: certs.serverFingerprint })],
    ['a CA-verified', () => ({ ca: certs.caCert })],
  ])(
    'reports a server that does not speak TLS as a handshake error on %s connection',
    async (_, opts) => {
      const sockets = new Set<net.Socket>();
      const plain = net.createServer((socket) => {
        sockets.add(socket);
        socket.on('error', () => undefined);
        socket.write('HTTP/1.1 400 Bad Request\r\n\r\n');
      });
      await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
      try {
        const port = (plain.address() as AddressInfo).port;
        const error = await failure(
          client({ baseUrl: `https://127.0.0.1:${port}`, ...opts() }).getVersion(),
        );
        expect(error.code).toBe('tls');
        expect(error.details.reason).toBe('handshake');
      } finally {
        sockets.forEach((socket) => socket.destroy());
        await new Promise((resolve) => plain.close(resolve));
      }
    },
  );
});

describe('TLS verification opt-out', () => {
  it('accepts any certificate with insecure: true and warns about it', async () => {
    const warn = vi.fn();
    await expect(client({ insecure: true }, warn).getVersion()).resolves.toMatchObject({
      version: '8.4-1',
    });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('DISABLED'));
  });
});

describe('connection options', () => {
  it('refuses a plain-http base URL so the token never travels in clear', () => {
    expect(() => client({ baseUrl: 'http://127.0.0.1:8006' })).toThrow(/https/);
  });

  it('refuses a token id that is not user@realm!name without echoing the secret', () => {
    expect(() => client({ tokenId: 'root@pam' })).toThrow(/user@realm!tokenname/);
    expect(() => client({ tokenSecret: 'a b' })).not.toThrow(SECRET);
  });
});
