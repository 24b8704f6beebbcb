import { afterAll, afterEach, beforeAll } from 'vitest';
import { ProxmoxClient } from '../proxmox.client.js';
import { ProxmoxError } from '../proxmox.errors.js';
import type { ProxmoxConnectionOptions } from '../proxmox.types.js';
import {
  type FakeHandler,
  type FakePve,
  makeTestCertificates,
  startFakePve,
} from './fake-pve-server.js';

export const TEST_SECRET = '5ec2e7a1-0000-4000-8000-5ec2e75ec2e7';

/**
 * Test-only: one pinned fake PVE per spec file. `reply` swaps the handler per test; clients made
 * with `connect` are closed after each test so keep-alive sockets never outlive it.
 */
export function useFakePve() {
  const state = { pve: undefined as FakePve | undefined, fingerprint: '' };
  const clients: ProxmoxClient[] = [];
  beforeAll(async () => {
    const certs = await makeTestCertificates();
    state.fingerprint = certs.serverFingerprint;
    state.pve = await startFakePve(certs.serverCert, certs.serverKey, () => ({ status: 500 }));
  });
  afterEach(() => {
    clients.splice(0).forEach((c) => c.close());
    state.pve!.requests.length = 0;
  });
  afterAll(() => state.pve?.close());
  return {
    get pve(): FakePve {
      return state.pve!;
    },
    /** the pinned SHA-256 of the fake's certificate */
    get fingerprint(): string {
      return state.fingerprint;
    },
    reply(handler: FakeHandler): void {
      state.pve!.handler = handler;
    },
    connect(options: Partial<ProxmoxConnectionOptions> = {}): ProxmoxClient {
      const client = new ProxmoxClient({
        baseUrl: state.pve!.baseUrl,
        tokenId: 'console@pve!console',
        tokenSecret: TEST_SECRET,
        fingerprint: state.fingerprint,
        retries: 0,
        retryDelayMs: 1,
        ...options,
      });
      clients.push(client);
      return client;
    },
  };
}

export async function proxmoxFailure(promise: Promise<unknown>): Promise<ProxmoxError> {
  const error: unknown = await promise.then(
    () => new Error('expected the call to fail'),
    (e: unknown) => e,
  );
  if (!(error instanceof ProxmoxError)) {
    throw error;
  }
  return error;
}
