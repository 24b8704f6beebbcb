import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { ROOT_TOKEN, type SimClient, startTestSim } from '../pve-sim/sim-client.js';
import { type ConsoleHarness, startConsole } from '../support/console-harness.js';

type Row = Record<string, unknown>;

// pve-sim's clock is pinned; its pvestatd ticks every 10 s from its start. A CT created 3 s after
// a tick has no status line until the clock is moved to the next one.
let clock = Date.now();
let sim: PveSimHandle;
let api: SimClient;
let h: ConsoleHarness;

beforeAll(async () => {
  ({ sim, api } = await startTestSim({ now: () => clock }));
  h = await startConsole({
    existingSim: sim,
    env: {
      PROXICLOUD_PVE_TOKEN_ID: ROOT_TOKEN.tokenId,
      PROXICLOUD_PVE_TOKEN_SECRET: ROOT_TOKEN.secret,
    },
  });
});
afterAll(async () => {
  await h?.stop();
  await api?.close();
  await sim?.stop();
});

async function resource(vmid: number): Promise<Row | undefined> {
  const rows = (await api.get('/cluster/resources', { type: 'vm' })).body.data as Row[];
  return rows.find((r) => r.vmid === vmid);
}

describe('a container created within the last pvestatd cycle', () => {
  let vmid: number;
  let node: string;
  let hostname: string;

  beforeAll(async () => {
    const templates = await h.get('/api/templates');
    const volid = templates.body.items.find((t: any) => t.available.length > 0).available[0].volid;
    hostname = 'fresh-one';
    clock += 3_000;
    const created = await h.post('/api/containers', { template: volid, hostname, disk: 2 });
    expect(created.status, created.text).toBe(202);
    expect((await h.waitForTask(created.body.upid)).ok).toBe(true);
    ({ vmid, node } = created.body);
  });

  it('is listed by PVE as unknown with no name (extract_vm_stats without an RRD line)', async () => {
    expect(await resource(vmid)).toEqual({
      id: `lxc/${vmid}`,
      vmid,
      node,
      type: 'lxc',
      status: 'unknown',
    });
  });

  it('is read live by the console: its node answers, so it is not taken for away', async () => {
    const detail = await h.get(`/api/containers/${vmid}`);
    expect(detail.status, detail.text).toBe(200);
    expect(detail.body.status).toBe('stopped');
    expect(detail.body.config?.hostname).toBe(hostname);
    expect(detail.body.partial ?? false).toBe(false);
    expect(detail.body.stale ?? false).toBe(false);
  });

  it('can be started at once', async () => {
    const started = await h.post(`/api/containers/${vmid}/start`);
    expect(started.status, started.text).toBe(202);
    expect((await h.waitForTask(started.body.upid)).ok).toBe(true);
  });

  it('gets its name and status with the next pvestatd cycle', async () => {
    clock += 10_000;
    expect(await resource(vmid)).toMatchObject({ name: hostname, status: 'running' });
  });
});
