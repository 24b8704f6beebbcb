import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FreshnessDto } from '../../src/common/freshness.dto.js';
import type {
  ContainerDetailDto,
  ContainerListDto,
} from '../../src/containers/dto/container.dto.js';
import type { DashboardDto } from '../../src/dashboard/dto/dashboard.dto.js';
import type { ConnectionStatusDto } from '../../src/status/dto/connection-status.dto.js';
import { startConsole, type ConsoleHarness } from '../support/console-harness.js';
import { CYCLE_S, OFFLINE_ENV, read, waitFor } from './support/offline-client.js';

let h: ConsoleHarness;

beforeAll(async () => {
  h = await startConsole({ env: OFFLINE_ENV });
  // the console has seen CT 102 (on pve2) once, so it has its last known detail
  expect((await read<ContainerDetailDto>(h, '/api/containers/102')).body.status).toBe('running');
  h.sim.faults.setNodeOffline('pve2', true);
});
afterAll(async () => {
  h.sim.faults.setNodeOffline('pve2', false);
  await h?.stop();
});

describe('one node offline in the cluster (59x on calls proxied to it)', () => {
  it("shows that node's containers as unknown, never as stopped", async () => {
    const list = await waitFor(
      'pve2 containers unknown',
      async () => {
        const res = await read<ContainerListDto>(h, '/api/containers?node=pve2');
        return res.body.items.every((c) => c.status === 'unknown') ? res : undefined;
      },
      5_000,
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((c) => c.vmid)).toEqual([102, 105, 108, 111]);
    expect(list.body.stale, 'the cluster answered: the list itself is fresh').toBe(false);
    const dashboard = await read<DashboardDto>(h, '/api/dashboard');
    expect(dashboard.body.containers.unknown).toBe(4);
    expect(dashboard.body.nodes.find((n) => n.node === 'pve2')?.status).toBe('offline');
  });

  it('answers the detail of a seen container from the cache, as unknown and stale', async () => {
    const seen = await read<ContainerDetailDto>(h, '/api/containers/102');
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ vmid: 102, node: 'pve2', status: 'unknown', stale: true });
    expect(seen.cacheStatus).toBe('STALE');
    const unseen = await read<ContainerDetailDto>(h, '/api/containers/108');
    expect(unseen.status, 'never read before: what the cluster list knows').toBe(200);
    expect(unseen.body).toMatchObject({
      status: 'unknown',
      partial: true,
      stale: true,
      config: null,
    });
  });

  it('keeps everything on the other nodes working, reads and writes', async () => {
    const other = await read<ContainerDetailDto>(h, '/api/containers/101');
    expect(other.body).toMatchObject({ status: 'running', stale: false });
    expect((await read<FreshnessDto>(h, '/api/nodes/pve1/storages')).body.stale).toBe(false);
    expect((await read<FreshnessDto>(h, '/api/templates')).status).toBe(200);
    expect((await read<FreshnessDto>(h, '/api/tasks')).status).toBe(200);
    const stop = await h.post('/api/containers/103/stop');
    expect(stop.status, stop.text).toBe(202);
    expect((await h.waitForTask(stop.body.upid)).ok).toBe(true);
  });

  it('says degraded, naming the node, and still accepts writes', async () => {
    const status = await read<ConnectionStatusDto>(h, '/api/status');
    expect(status.body).toMatchObject({
      state: 'degraded',
      reason: 'node-offline',
      offlineNodes: ['pve2'],
      writable: true,
    });
    expect(status.body.message).toMatch(/pve2/);
  });

  it('refuses a write to a container of the offline node with 503 naming the node', async () => {
    const res = await h.post('/api/containers/105/start');
    expect(res.status).toBe(503);
    expect(res.body.reason).toBe('unreachable');
  });

  it('is online again once the node is back', async () => {
    h.sim.faults.setNodeOffline('pve2', false);
    await waitFor(
      'pve2 back',
      async () => {
        await read<ContainerListDto>(h, '/api/containers');
        return (await read<ConnectionStatusDto>(h, '/api/status')).body.state === 'online';
      },
      3 * CYCLE_S * 1000,
    );
    const res = await read<ContainerDetailDto>(h, '/api/containers/102');
    expect(res.body).toMatchObject({ status: 'running', stale: false });
  });
});
