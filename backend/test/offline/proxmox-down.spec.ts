import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPveSim } from '../../pve-sim/src/index.js';
import { CLUSTER_STATE_MAX_AGE_MS } from '../../src/cache/cluster-state.service.js';
import type { ApiErrorDto } from '../../src/common/api-error.dto.js';
import type { FreshnessDto } from '../../src/common/freshness.dto.js';
import type { ContainerListDto } from '../../src/containers/dto/container.dto.js';
import type { HealthDto } from '../../src/health/dto/health.dto.js';
import type { ConnectionStatusDto } from '../../src/status/dto/connection-status.dto.js';
import { startConsole, type ConsoleHarness } from '../support/console-harness.js';
import {
  CYCLE_S,
  listen,
  OFFLINE_ENV,
  read,
  waitFor,
  type EventLog,
} from './support/offline-client.js';

const READS = [
  '/api/containers',
  '/api/containers/101',
  '/api/nodes',
  '/api/nodes/pve1/storages',
  '/api/templates',
  '/api/tasks',
  '/api/dashboard',
];

let h: ConsoleHarness;
let stream: EventLog<ConnectionStatusDto>;

beforeAll(async () => {
  h = await startConsole({ env: OFFLINE_ENV });
  stream = await listen<ConnectionStatusDto>(h, '/api/events', 'status');
});
afterAll(async () => {
  stream?.close();
  await h.sim.faults.setDown(false);
  await h?.stop();
});

describe('Proxmox down for several cycles in the middle of a run', () => {
  it('answers every read fresh while Proxmox is up, with MISS or HIT and an age', async () => {
    for (const path of READS) {
      const res = await read<FreshnessDto>(h, path);
      expect(res.status, path).toBe(200);
      expect(res.body.stale, path).toBe(false);
      expect(['MISS', 'HIT'], path).toContain(res.cacheStatus);
      expect(res.dataAge, path).toBeLessThanOrEqual(1);
    }
    const again = await read<FreshnessDto>(h, '/api/containers');
    expect(again.cacheStatus, 'a second read within the max age reuses the answer').toBe('HIT');
    expect((await read<ConnectionStatusDto>(h, '/api/status')).body).toMatchObject({
      state: 'online',
      writable: true,
    });
  });

  it('keeps answering every read from the cache, marked stale, while Proxmox is down', async () => {
    const before = await read<ContainerListDto>(h, '/api/containers');
    await h.sim.faults.setDown(true);
    const downAt = Date.now();
    for (const path of READS) {
      expect((await read(h, path)).status, `${path} right after the drop`).toBe(200);
    }
    // the cluster state is fresh for CLUSTER_STATE_MAX_AGE_MS; after that it can only be stale
    await new Promise((r) => setTimeout(r, CLUSTER_STATE_MAX_AGE_MS + 100));
    while (Date.now() - downAt < 3 * CYCLE_S * 1000) {
      for (const path of READS) {
        const res = await read<FreshnessDto>(h, path);
        expect(res.status, `${path} while down`).toBe(200);
        expect(res.body.stale, path).toBe(true);
        expect(res.cacheStatus, path).toBe('STALE');
        expect(res.dataAge, path).toBeGreaterThanOrEqual(0);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const during = await read<ContainerListDto>(h, '/api/containers');
    expect(during.body.items).toEqual(before.body.items);
    expect(during.body.fetchedAt).toBe(before.body.fetchedAt);
    expect(during.dataAge).toBeGreaterThanOrEqual(3 * CYCLE_S - 1);
  }, 60_000);

  it('says offline, since when, the last contact and why, in /api/status and /api/health', async () => {
    const status = await read<ConnectionStatusDto>(h, '/api/status');
    expect(status.body).toMatchObject({ state: 'offline', reason: 'unreachable', writable: false });
    expect(Date.parse(status.body.since)).toBeLessThan(Date.now());
    expect(Date.parse(status.body.lastContact ?? '')).toBeLessThanOrEqual(
      Date.parse(status.body.since),
    );
    expect(status.body.message).toMatch(/unreachable/);
    const health = await read<HealthDto>(h, '/api/health');
    expect(health.status).toBe(503);
    expect(health.body.error.proxmox).toMatchObject({ reason: 'unreachable', state: 'offline' });
  });

  it('refuses writes with 503 and the reason before trying Proxmox', async () => {
    for (const write of [
      h.post('/api/containers/101/stop'),
      h.post('/api/containers/101/start'),
      h.del('/api/containers/108'),
      h.post('/api/containers', { template: 'local:vztmpl/x.tar.zst' }),
      h.post('/api/templates/download', { node: 'pve1', storage: 'local', template: 'x.tar.zst' }),
    ]) {
      const res = await write;
      expect(res.status, res.text).toBe(503);
      expect(res.body.reason).toBe('unreachable');
      // a write that had been tried would say "cannot connect (ECONNREFUSED)" instead
      expect(res.body.message).toMatch(/offline since .*writes are refused/);
    }
  });

  it('notices recovery within 3 cycles and serves fresh data again', async () => {
    const upAt = Date.now();
    await h.sim.faults.setDown(false);
    await waitFor(
      'state online',
      async () => (await read<ConnectionStatusDto>(h, '/api/status')).body.state === 'online',
      3 * CYCLE_S * 1000,
    );
    expect(Date.now() - upAt).toBeLessThan(3 * CYCLE_S * 1000);
    // every read is fresh again within the same 3 cycles; one read may still come back stale on
    // its way there (a read waits READ_DEADLINE_MS for Proxmox, then answers the last state)
    for (const path of READS) {
      const res = await waitFor(
        `${path} fresh after recovery`,
        async () => {
          const r = await read<FreshnessDto>(h, path);
          return r.status === 200 && !r.body.stale ? r : undefined;
        },
        Math.max(0, upAt + 3 * CYCLE_S * 1000 - Date.now()),
      );
      expect(res.cacheStatus, path).not.toBe('STALE');
    }
    const write = await h.post('/api/containers/101/stop');
    expect(write.status, write.text).toBe(202);
    expect((await h.waitForTask(write.body.upid)).ok).toBe(true);
  }, 30_000);

  it('pushed each change of state to the event stream: online, offline, online', () => {
    const states = stream.events.map((e) => e.state);
    expect(states[0]).toBe('online');
    expect(states).toContain('offline');
    expect(states.at(-1)).toBe('online');
    const offline = stream.events.find((e) => e.state === 'offline');
    expect(offline).toMatchObject({ reason: 'unreachable', writable: false, mode: 'live' });
  });
});

describe('a console that never reached Proxmox', () => {
  it('answers reads 503 with the reason when it has no cache at all', async () => {
    // Proxmox is down before the console starts: a console started first reads the cluster at
    // once (collector, address source) and then has a cache to answer from
    const token = { tokenId: 'never@pve!reached', secret: randomUUID(), privsep: false };
    const sim = await startPveSim({
      port: 0,
      speed: 0.02,
      controlPort: false,
      dataDir: join(mkdtempSync(join(tmpdir(), 'never-reached-sim-')), 'pve-sim'),
      tokens: [token],
    });
    await sim.faults.setDown(true);
    const fresh = await startConsole({
      existingSim: sim,
      env: {
        ...OFFLINE_ENV,
        PROXICLOUD_PVE_TOKEN_ID: token.tokenId,
        PROXICLOUD_PVE_TOKEN_SECRET: token.secret,
      },
    });
    try {
      const res = await read<ApiErrorDto>(fresh, '/api/containers');
      expect(res.status).toBe(503);
      expect(res.body.reason).toBe('unreachable');
    } finally {
      await fresh.stop();
      await sim.stop();
    }
  });
});
