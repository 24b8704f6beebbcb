import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ContainerDetailDto,
  ContainerListDto,
} from '../../src/containers/dto/container.dto.js';
import type { ConnectionStatusDto } from '../../src/status/dto/connection-status.dto.js';
import { startConsole, type ConsoleHarness } from '../support/console-harness.js';
import { CYCLE_S, OFFLINE_ENV, read, waitFor } from './support/offline-client.js';

/**
 * A hung node: online in /cluster/resources, but the calls pveproxy forwards to it hang until
 * pveproxy's proxy timeout (PVE: 30 s, here 300 ms) and then answer 596. The console waits
 * longer than pveproxy for node calls (here 1.5 s), so it hears the 596; a hang longer than
 * its own timeout is a node timeout. Either way only that node is away, never the cluster.
 */
let h: ConsoleHarness;
const NODE_TIMEOUT_MS = 1_500;

async function status(): Promise<ConnectionStatusDto> {
  return (await read<ConnectionStatusDto>(h, '/api/status')).body;
}

function proxmoxPosts(vmid: number): number {
  return h.sim.requests.filter((r) => r.method === 'POST' && r.path.includes(`/lxc/${vmid}/`))
    .length;
}

beforeAll(async () => {
  h = await startConsole({
    env: { ...OFFLINE_ENV, PROXICLOUD_PVE_NODE_TIMEOUT_MS: String(NODE_TIMEOUT_MS) },
    sim: { proxyTimeoutMs: 300 },
  });
  // CT 104 (pve3) seen once: its detail is cached
  expect((await read<ContainerDetailDto>(h, '/api/containers/104')).body.stale).toBe(false);
  h.sim.faults.setNodeHung('pve3', true);
});
afterAll(async () => {
  h.sim.faults.setNodeHung('pve3', false);
  await h?.stop();
});

describe('one hung node (59x after pveproxy timeout)', () => {
  it('serves that node from the cache and marks only it unreachable', async () => {
    const detail = await read<ContainerDetailDto>(h, '/api/containers/104');
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ vmid: 104, stale: true });
    const s = await waitFor(
      'pve3 unreachable',
      async () => {
        const now = await status();
        return now.unreachableNodes.length ? now : undefined;
      },
      3_000,
    );
    expect(s).toMatchObject({
      state: 'degraded',
      reason: 'node-offline',
      offlineNodes: ['pve3'],
      unreachableNodes: ['pve3'],
      writable: true,
    });
    expect(s.message).toMatch(/pve3 not answering/);
  });

  it('keeps reads of the other nodes fresh and the console online', async () => {
    const list = await read<ContainerListDto>(h, '/api/containers');
    expect(list.body.stale).toBe(false);
    const other = await read<ContainerDetailDto>(h, '/api/containers/101');
    expect(other.body).toMatchObject({ vmid: 101, stale: false });
    expect((await status()).state).toBe('degraded');
  });

  it('lets writes to other nodes through and refuses writes to the hung one at once', async () => {
    const stop = await h.post('/api/containers/103/stop');
    expect(stop.status, stop.text).toBe(202);
    expect((await h.waitForTask(stop.body.upid)).ok).toBe(true);
    const refused = await h.post('/api/containers/106/stop');
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ reason: 'unreachable' });
    expect(refused.body.message).toMatch(/pve3/);
    expect(proxmoxPosts(106), 'nothing was sent to the hung node').toBe(0);
  });

  it('is online again within a few cycles once the node answers', async () => {
    h.sim.faults.setNodeHung('pve3', false);
    await waitFor('pve3 back', async () => (await status()).state === 'online', 3 * CYCLE_S * 1000);
    const detail = await read<ContainerDetailDto>(h, '/api/containers/104');
    expect(detail.body.stale).toBe(false);
  });

  it('treats a hang longer than its own node timeout as that node only, too', async () => {
    h.sim.faults.setProxyTimeout(NODE_TIMEOUT_MS * 4);
    h.sim.faults.setNodeHung('pve3', true);
    const detail = await read<ContainerDetailDto>(h, '/api/containers/104');
    expect(detail.body.stale).toBe(true);
    const s = await waitFor(
      'pve3 timed out',
      async () => {
        const now = await status();
        return now.unreachableNodes.length ? now : undefined;
      },
      NODE_TIMEOUT_MS * 3,
    );
    expect(s).toMatchObject({ state: 'degraded', unreachableNodes: ['pve3'] });
    expect((await read<ContainerDetailDto>(h, '/api/containers/101')).body.stale).toBe(false);
    h.sim.faults.setNodeHung('pve3', false);
    h.sim.faults.setProxyTimeout(300);
  });
});
