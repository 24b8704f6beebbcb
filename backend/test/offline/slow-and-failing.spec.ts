import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_STATE_MAX_AGE_MS } from '../../src/cache/cluster-state.service.js';
import { DATABASE_FILE } from '../../src/database/data-source.js';
import type { FreshnessDto } from '../../src/common/freshness.dto.js';
import type { ContainerListDto } from '../../src/containers/dto/container.dto.js';
import type { ClusterResources } from '../../src/proxmox/proxmox.types.js';
import type { ConnectionStatusDto } from '../../src/status/dto/connection-status.dto.js';
import { startConsole, type ConsoleHarness } from '../support/console-harness.js';
import { OFFLINE_ENV, read } from './support/offline-client.js';

const WARM = [
  '/api/containers',
  '/api/containers/101',
  '/api/nodes',
  '/api/templates',
  '/api/dashboard',
];

let h: ConsoleHarness;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  h = await startConsole({ env: OFFLINE_ENV });
  for (const path of WARM) expect((await read<FreshnessDto>(h, path)).status, path).toBe(200);
});
afterAll(async () => {
  await h.sim.faults.reset();
  await h?.stop();
});

describe('a slow Proxmox (5 s per call, over the 3 s client timeout)', () => {
  it('answers cached reads stale instead of waiting for Proxmox', async () => {
    h.sim.faults.setLatency(5_000);
    await sleep(CLUSTER_STATE_MAX_AGE_MS + 100);
    for (const path of WARM) {
      const res = await read<FreshnessDto>(h, path);
      expect(res.status, path).toBe(200);
      expect(res.body.stale, path).toBe(true);
      expect(res.cacheStatus, path).toBe('STALE');
    }
  });

  it('serves fresh data again once Proxmox is fast', async () => {
    h.sim.faults.setLatency(0);
    // the refresh in flight gives up at the client timeout and its retry then succeeds
    let res = await read<FreshnessDto>(h, '/api/containers');
    for (let i = 0; i < 100 && res.body.stale; i++) {
      await sleep(200);
      res = await read<FreshnessDto>(h, '/api/containers');
    }
    expect(res.body.stale).toBe(false);
  }, 30_000);
});

describe('bursts of 500s from Proxmox', () => {
  it('neither crashes nor corrupts the cache, and every cached read still answers', async () => {
    const before = (await read<ContainerListDto>(h, '/api/containers')).body.items;
    h.sim.faults.setErrorRate(0.6);
    const reads = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const statuses: number[] = [];
        for (let i = 0; i < 10; i++) {
          for (const path of WARM) statuses.push((await read<FreshnessDto>(h, path)).status);
          await sleep(CLUSTER_STATE_MAX_AGE_MS / 4);
        }
        return statuses;
      }),
    );
    const writes = await Promise.all(
      [101, 103, 107].map((vmid) => h.post(`/api/containers/${vmid}/reboot`)),
    );
    h.sim.faults.setErrorRate(0);

    expect(new Set(reads.flat())).toEqual(new Set([200]));
    for (const w of writes) expect([202, 502], w.text).toContain(w.status);
    for (const w of writes.filter((x) => x.status === 502)) expect(w.body.reason).toBe('upstream');
    expect(
      (await read<ConnectionStatusDto>(h, '/api/status')).body.state,
      '500s are answers: Proxmox is up',
    ).not.toBe('offline');

    const db = new Database(join(h.dataDir, DATABASE_FILE), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db.prepare('SELECT key, value FROM cache_entry').all() as {
        key: string;
        value: string;
      }[];
      expect(rows.map((r) => r.key)).toContain('cluster-resources');
      for (const row of rows) expect(() => JSON.parse(row.value), row.key).not.toThrow();
      const cluster = JSON.parse(
        rows.find((r) => r.key === 'cluster-resources')!.value,
      ) as ClusterResources;
      expect(cluster.guests.filter((g) => g.type === 'lxc')).toHaveLength(before.length);
    } finally {
      db.close();
    }
    await sleep(CLUSTER_STATE_MAX_AGE_MS + 100);
    const after = await read<ContainerListDto>(h, '/api/containers');
    expect(after.body.stale).toBe(false);
    expect(after.body.items.map((c) => c.vmid)).toEqual(before.map((c) => c.vmid));
  }, 60_000);
});
