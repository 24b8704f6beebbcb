import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPveSim, type PveSimHandle, type PveSimListener } from '../../pve-sim/src/index.js';
import type { ContainerListDto } from '../../src/containers/dto/container.dto.js';
import type { ConnectionStatusDto } from '../../src/status/dto/connection-status.dto.js';
import { type ConsoleHarness, startConsole } from '../support/console-harness.js';
import { CYCLE_S, OFFLINE_ENV, read, waitFor } from './support/offline-client.js';

/**
 * Failover between the nodes of one cluster: pve-sim serves the same cluster on two ports, each
 * with its own certificate (two nodes' pveproxy), and the console is given both URLs, each
 * pinned. The preferred one is closed mid-run: reads stay fresh, a start goes through the second,
 * and the console goes back once the first listens again.
 */
const TOKEN_ID = 'failover@pve!it';
const SECRET = randomUUID();
let sim: PveSimHandle;
let second: PveSimListener;
let h: ConsoleHarness;

async function status(): Promise<ConnectionStatusDto> {
  return (await read<ConnectionStatusDto>(h, '/api/status')).body;
}

/** Requests pve-sim saw on `port` since index `from`. */
function requestsOn(port: number, from = 0): { method: string; path: string }[] {
  return sim.requests.slice(from).filter((r) => r.port === port);
}

beforeAll(async () => {
  sim = await startPveSim({
    port: 0,
    speed: 0.02,
    controlPort: false,
    authFailDelayMs: 10,
    proxyTimeoutMs: 50,
    dataDir: join(mkdtempSync(join(tmpdir(), 'failover-sim-')), 'pve-sim'),
    tokens: [{ tokenId: TOKEN_ID, secret: SECRET, privsep: false }],
  });
  second = await sim.addListener();
  h = await startConsole({
    existingSim: sim,
    env: {
      ...OFFLINE_ENV,
      PROXICLOUD_PVE_URL: `${sim.url},${second.url}`,
      PROXICLOUD_PVE_FINGERPRINT: `${sim.fingerprint},${second.fingerprint}`,
      PROXICLOUD_PVE_TOKEN_ID: TOKEN_ID,
      PROXICLOUD_PVE_TOKEN_SECRET: SECRET,
    },
  });
});
afterAll(async () => {
  await h?.stop();
  await sim?.stop();
});

describe('two node URLs of one cluster, the first closed mid-run', () => {
  it('talks to the preferred node while it answers', async () => {
    expect(second.fingerprint).not.toBe(sim.fingerprint);
    await waitFor(
      'a fresh list',
      async () => !(await read<ContainerListDto>(h, '/api/containers')).body.stale,
      3 * CYCLE_S * 1000,
    );
    expect(await status()).toMatchObject({
      state: 'online',
      endpoint: sim.url,
      endpoints: [sim.url, second.url],
      failedOver: false,
    });
    expect(requestsOn(second.port)).toHaveLength(0);
  });

  it('keeps reads fresh through the second node within one collection cycle', async () => {
    await sim.faults.setDown(true);
    const before = sim.requests.length;
    const s = await waitFor(
      'failover',
      async () => {
        const now = await status();
        return now.failedOver ? now : undefined;
      },
      2 * CYCLE_S * 1000,
    );
    expect(s).toMatchObject({ state: 'online', endpoint: second.url, writable: true });
    expect(s.message).toContain(`through ${second.url}`);
    // the collector's next cycle asks the second node
    await waitFor(
      'a collection through the second node',
      () =>
        Promise.resolve(
          requestsOn(second.port, before).some((r) => r.path === '/api2/json/cluster/resources'),
        ),
      2 * CYCLE_S * 1000,
    );
    const list = await read<ContainerListDto>(h, '/api/containers');
    expect(list.status).toBe(200);
    expect(list.body.stale).toBe(false);
    const health = await h.get('/api/health');
    expect(health.body.details.proxmox).toMatchObject({ endpoint: second.url, failedOver: true });
  });

  it('accepts a start and sends it to the second node', async () => {
    const before = sim.requests.length;
    const start = await h.post('/api/containers/108/start');
    expect(start.status, start.text).toBe(202);
    expect((await h.waitForTask(start.body.upid)).ok).toBe(true);
    const posts = requestsOn(second.port, before).filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.path)).toEqual(['/api2/json/nodes/pve2/lxc/108/status/start']);
    const detail = await read<{ status: string }>(h, '/api/containers/108');
    expect(detail.body.status).toBe('running');
  });

  // Only /api/status is polled here, so the console's own calls (the collector's one per cycle)
  // must carry the check of the preferred node, and its answer must show in the status at once.
  it('goes back to the preferred node once it answers again', async () => {
    await sim.faults.setDown(false);
    await waitFor(
      'back on the preferred node',
      async () => (await status()).endpoint === sim.url,
      3 * CYCLE_S * 1000,
    );
    const before = sim.requests.length;
    expect((await read<ContainerListDto>(h, '/api/containers')).body.stale).toBe(false);
    await waitFor(
      'a call on the preferred node',
      () => Promise.resolve(requestsOn(sim.port, before).length > 0),
      2 * CYCLE_S * 1000,
    );
    expect(await status()).toMatchObject({ failedOver: false, state: 'online' });
  });
});
