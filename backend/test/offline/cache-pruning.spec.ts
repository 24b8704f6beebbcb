import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_DETAIL_PREFIX } from '../../src/cache/cache-pruner.service.js';
import { CacheRepository } from '../../src/cache/cache.repository.js';
import type { ContainerDetailDto } from '../../src/containers/dto/container.dto.js';
import type { ConnectionStatusDto } from '../../src/status/dto/connection-status.dto.js';
import { startConsole, type ConsoleHarness } from '../support/console-harness.js';
import {
  CYCLE_S,
  OFFLINE_ENV,
  read,
  storeCacheRow,
  storedCacheKeys,
  waitFor,
  readUntilState,
} from './support/offline-client.js';

let h: ConsoleHarness;

beforeAll(async () => {
  h = await startConsole({ env: OFFLINE_ENV });
});
afterAll(async () => {
  h.sim.faults.setNodeOffline('pve2', false);
  await h.sim.faults.setDown(false);
  await h?.stop();
});

/** Fresh cluster answers for `cycles` collection cycles (the list is re-read past its max age). */
async function freshReadsFor(cycles: number): Promise<void> {
  const until = Date.now() + cycles * CYCLE_S * 1000;
  while (Date.now() < until) {
    await read(h, '/api/containers');
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function waitUntilGone(key: string, prefix: string): Promise<void> {
  await waitFor(
    `${key} pruned`,
    async () => {
      await read(h, '/api/containers');
      return !(await storedCacheKeys(h, prefix)).includes(key);
    },
    3 * CYCLE_S * 1000,
  );
}

describe('cache entries of deleted containers', () => {
  it('are dropped once a fresh cluster answer no longer lists the container', async () => {
    expect((await read<ContainerDetailDto>(h, '/api/containers/110')).body.partial).toBe(false);
    expect((await read(h, '/api/tasks?vmid=110')).status).toBe(200);
    await read(h, '/api/containers/101');
    await waitFor(
      'ct/110 on disk',
      async () => (await storedCacheKeys(h, 'ct/')).includes('ct/110'),
      2_000,
    );
    const del = await h.del('/api/containers/110?force=1');
    expect(del.status, del.text).toBe(202);
    expect((await h.waitForTask(del.body.upid)).ok).toBe(true);
    await waitUntilGone('ct/110', 'ct/');
    expect(await storedCacheKeys(h, 'tasks/110/')).toEqual([]);
    expect(await storedCacheKeys(h, 'ct/'), 'other containers keep theirs').toContain('ct/101');
    expect((await read(h, '/api/containers/110')).status).toBe(404);
  });

  it('are never dropped while a node is offline: its containers are unknown, not gone', async () => {
    h.sim.faults.setNodeOffline('pve2', true);
    await readUntilState(h, 'degraded');
    // stands for a container deleted while the node was away: gone from the list, still cached
    await storeCacheRow(h, 'ct/990', { deleted: true });
    await freshReadsFor(2);
    expect(await storedCacheKeys(h, 'ct/')).toContain('ct/990');
    h.sim.faults.setNodeOffline('pve2', false);
    await waitUntilGone('ct/990', 'ct/');
  }, 30_000);

  it('are never dropped while Proxmox is unreachable', async () => {
    await h.sim.faults.setDown(true);
    await storeCacheRow(h, 'ct/991', { deleted: true });
    await freshReadsFor(2);
    expect((await read<ConnectionStatusDto>(h, '/api/status')).body.state).toBe('offline');
    expect(await storedCacheKeys(h, 'ct/')).toContain('ct/991');
    await h.sim.faults.setDown(false);
    await waitUntilGone('ct/991', 'ct/');
  }, 30_000);

  it('keeps only the newest finished-task details in SQLite', async () => {
    const store = h.app.get(CacheRepository, { strict: false });
    await read(h, '/api/tasks');
    await waitFor(
      'task list on disk',
      async () => (await storedCacheKeys(h, 'tasks/')).length,
      2_000,
    );
    for (const [i, at] of [1_000, 3_000, 2_000].entries()) {
      await store.put(`${TASK_DETAIL_PREFIX}UPID:pve1:${i}`, { i }, at);
    }
    const before = await storedCacheKeys(h, TASK_DETAIL_PREFIX);
    expect(await store.trim(TASK_DETAIL_PREFIX, before.length - 2)).toBe(2);
    const kept = await storedCacheKeys(h, TASK_DETAIL_PREFIX);
    expect(kept).not.toContain(`${TASK_DETAIL_PREFIX}UPID:pve1:0`);
    expect(kept).not.toContain(`${TASK_DETAIL_PREFIX}UPID:pve1:2`);
    expect(kept).toContain(`${TASK_DETAIL_PREFIX}UPID:pve1:1`);
    expect(
      (await storedCacheKeys(h, 'tasks/')).length,
      'task lists are not trimmed',
    ).toBeGreaterThan(0);
  });
});
