import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FreshnessDto } from '../../src/common/freshness.dto.js';
import type {
  ContainerDetailDto,
  ContainerListDto,
} from '../../src/containers/dto/container.dto.js';
import type { ConnectionStatusDto } from '../../src/status/dto/connection-status.dto.js';
import type { ConsoleHarness } from '../support/console-harness.js';
import { read, sameDisk, waitFor, type SameDisk } from './support/offline-client.js';

const PATHS = [
  '/api/containers',
  '/api/containers/101',
  '/api/nodes',
  '/api/templates',
  '/api/dashboard',
];

let disk: SameDisk;
let h: ConsoleHarness | undefined;

beforeAll(async () => {
  disk = await sameDisk('proxicloud-offline-restart-');
});
afterAll(async () => {
  await h?.stop();
  await disk.stop();
});

describe('a console restarted while Proxmox is down', () => {
  it('serves the last good state from disk, marked stale, with the last contact', async () => {
    h = await disk.startConsole();
    // the detail read first: it gives CT 101's address to the address source, so the list has it
    const freshDetail = (await read<ContainerDetailDto>(h, '/api/containers/101')).body;
    const freshList = (await read<ContainerListDto>(h, '/api/containers')).body;
    for (const path of PATHS)
      expect((await read<FreshnessDto>(h, path)).body.stale, path).toBe(false);
    // the collector and the reads above may have stored a newer list since freshList: the state
    // on disk is at least as new as this last read (a cycle can still land before stop)
    const lastList = (await read<ContainerListDto>(h, '/api/containers')).body;
    const lastContact = (await read<ConnectionStatusDto>(h, '/api/status')).body.lastContact ?? '';
    await h.stop();

    await disk.sim.faults.setDown(true);
    h = await disk.startConsole();
    for (const path of PATHS) {
      const res = await read<FreshnessDto>(h, path);
      expect(res.status, path).toBe(200);
      expect(res.body.stale, path).toBe(true);
      expect(res.cacheStatus, path).toBe('STALE');
    }
    const list = await read<ContainerListDto>(h, '/api/containers');
    const identity = (l: ContainerListDto) =>
      l.items.map((c) => [c.vmid, c.name, c.node, c.status]);
    expect(identity(list.body)).toEqual(identity(lastList));
    expect(Date.parse(list.body.fetchedAt)).toBeGreaterThanOrEqual(Date.parse(lastList.fetchedAt));
    if (list.body.fetchedAt === lastList.fetchedAt) expect(list.body.items).toEqual(lastList.items);
    expect(list.body.items.find((c) => c.vmid === 101)?.ipv4, 'address kept on disk').toBe(
      '10.10.0.101',
    );
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
    await disk.sim.faults.setDown(false);
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
