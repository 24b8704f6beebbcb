import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPveSim, type PveSimHandle } from '../../pve-sim/src/index.js';
import type { FreshnessDto } from '../../src/common/freshness.dto.js';
import type {
  ContainerDetailDto,
  ContainerListDto,
} from '../../src/containers/dto/container.dto.js';
import type { ConnectionStatusDto } from '../../src/status/dto/connection-status.dto.js';
import { startConsole, TEST_TOKEN_ID, type ConsoleHarness } from '../support/console-harness.js';
import { OFFLINE_ENV, read, waitFor } from './support/offline-client.js';

const SECRET = 'c0ffee00-0000-4000-8000-00000000cafe';
const PATHS = [
  '/api/containers',
  '/api/containers/101',
  '/api/nodes',
  '/api/templates',
  '/api/dashboard',
];

let sim: PveSimHandle;
let dataDir: string;
let h: ConsoleHarness | undefined;

function consoleOnSameDisk(): Promise<ConsoleHarness> {
  return startConsole({
    existingSim: sim,
    env: {
      ...OFFLINE_ENV,
      PROXICLOUD_DATA_DIR: dataDir,
      PROXICLOUD_PVE_TOKEN_ID: TEST_TOKEN_ID,
      PROXICLOUD_PVE_TOKEN_SECRET: SECRET,
    },
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'proxicloud-offline-restart-'));
  sim = await startPveSim({
    port: 0,
    speed: 0.02,
    controlPort: false,
    dataDir: join(dataDir, 'pve-sim'),
    tokens: [{ tokenId: TEST_TOKEN_ID, secret: SECRET, privsep: false }],
  });
});
afterAll(async () => {
  await h?.stop();
  await sim.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a console restarted while Proxmox is down', () => {
  it('serves the last good state from disk, marked stale, with the last contact', async () => {
    h = await consoleOnSameDisk();
    const freshList = (await read<ContainerListDto>(h, '/api/containers')).body;
    const freshDetail = (await read<ContainerDetailDto>(h, '/api/containers/101')).body;
    for (const path of PATHS)
      expect((await read<FreshnessDto>(h, path)).body.stale, path).toBe(false);
    const lastContact = (await read<ConnectionStatusDto>(h, '/api/status')).body.lastContact ?? '';
    await h.stop();

    await sim.faults.setDown(true);
    h = await consoleOnSameDisk();
    for (const path of PATHS) {
      const res = await read<FreshnessDto>(h, path);
      expect(res.status, path).toBe(200);
      expect(res.body.stale, path).toBe(true);
      expect(res.cacheStatus, path).toBe('STALE');
    }
    const list = await read<ContainerListDto>(h, '/api/containers');
    expect(list.body.items).toEqual(freshList.items);
    expect(list.body.fetchedAt).toBe(freshList.fetchedAt);
    const detail = await read<ContainerDetailDto>(h, '/api/containers/101');
    expect(detail.body.config).toEqual(freshDetail.config);
    const status = await read<ConnectionStatusDto>(h, '/api/status');
    expect(status.body).toMatchObject({ state: 'offline', reason: 'unreachable' });
    const contact = Date.parse(status.body.lastContact ?? '');
    expect(contact, 'the last contact known from disk').toBeGreaterThanOrEqual(
      Date.parse(freshList.fetchedAt),
    );
    expect(contact).toBeLessThanOrEqual(Date.parse(lastContact));
  });

  it('goes back to live data when Proxmox returns', async () => {
    await sim.faults.setDown(false);
    const res = await waitFor(
      'fresh list',
      async () => {
        const r = await read<FreshnessDto>(h!, '/api/containers');
        return r.body.stale ? undefined : r;
      },
      10_000,
    );
    expect(res.cacheStatus).not.toBe('STALE');
  });
});
