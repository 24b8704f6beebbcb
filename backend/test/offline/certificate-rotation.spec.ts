import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_STATE_MAX_AGE_MS } from '../../src/cache/cluster-state.service.js';
import type { FreshnessDto } from '../../src/common/freshness.dto.js';
import type { HealthDto } from '../../src/health/dto/health.dto.js';
import type { ConnectionStatusDto } from '../../src/status/dto/connection-status.dto.js';
import { startConsole, type ConsoleHarness } from '../support/console-harness.js';
import { OFFLINE_ENV, read } from './support/offline-client.js';

let h: ConsoleHarness;
let pinned: string;

beforeAll(async () => {
  h = await startConsole({ env: OFFLINE_ENV });
  pinned = h.sim.fingerprint;
  expect((await read<FreshnessDto>(h, '/api/containers')).status).toBe(200);
  expect((await read<FreshnessDto>(h, '/api/containers/101')).status).toBe(200);
  await h.sim.faults.rotateCertificate();
  // as on a real node, pveproxy restarts with the new certificate: open connections drop
  await h.sim.faults.setDown(true);
  await h.sim.faults.setDown(false);
  await new Promise((r) => setTimeout(r, CLUSTER_STATE_MAX_AGE_MS + 100));
});
afterAll(async () => {
  await h?.stop();
});

describe('the Proxmox certificate rotated while its fingerprint is pinned', () => {
  it('sends nothing to the changed server and answers reads from the cache', async () => {
    expect(h.sim.fingerprint).not.toBe(pinned);
    const requestsBefore = h.sim.requests.length;
    const list = await read<FreshnessDto>(h, '/api/containers');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ stale: true });
    expect(list.cacheStatus).toBe('STALE');
    expect((await read<FreshnessDto>(h, '/api/containers/101')).body.stale).toBe(true);
    expect(h.sim.requests.length, 'the token never went to the unpinned server').toBe(
      requestsBefore,
    );
  });

  it('refuses writes with 503 and reason tls', async () => {
    const res = await h.post('/api/containers/101/stop');
    expect(res.status).toBe(503);
    expect(res.body.reason).toBe('tls');
    expect(res.body.message).toMatch(/fingerprint changed/);
  });

  it('says in /api/health and /api/status that the fingerprint changed', async () => {
    const health = await read<HealthDto>(h, '/api/health');
    expect(health.status).toBe(503);
    expect(health.body.error.proxmox).toMatchObject({
      reason: 'tls',
      detail: 'fingerprint-mismatch',
      state: 'offline',
    });
    expect(health.body.error.proxmox.message).toMatch(/fingerprint changed/);
    expect(health.body.error.proxmox.message).toContain(h.sim.fingerprint);
    const status = await read<ConnectionStatusDto>(h, '/api/status');
    expect(status.body).toMatchObject({
      state: 'offline',
      reason: 'tls',
      detail: 'fingerprint-mismatch',
      writable: false,
    });
  });
});
