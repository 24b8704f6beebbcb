import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { dirRootdirScenario } from '../support/dir-storage-scenario.js';
import { ROOT_TOKEN, SimClient, startTestSim } from './sim-client.js';

let sim: PveSimHandle;
let api: SimClient;
const LIMITED = { tokenId: 'limited@pve!t', secret: '6a1f4a43-3f66-4f0e-9d55-1d2e3f4a5b6c' };

const dir = mkdtempSync(join(tmpdir(), 'pve-sim-day2-'));

// speed 0.05: a snapshot task takes ~100 ms, long enough to see its lock
beforeAll(async () => {
  ({ sim, api } = await startTestSim({
    speed: 0.05,
    scenario: dirRootdirScenario(dir),
    tokens: [
      { ...ROOT_TOKEN, privsep: false },
      // may audit and change memory, nothing else
      { ...LIMITED, privsep: false, privileges: { '/': ['VM.Audit', 'VM.Config.Memory'] } },
    ],
  }));
});
afterAll(async () => {
  await api.close();
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Row = Record<string, unknown>;
const limited = (): SimClient => api.withAuth({ token: `${LIMITED.tokenId}=${LIMITED.secret}` });
const config = async (path: string, current = false): Promise<Row> =>
  (await api.get(`${path}/config`, current ? { current: 1 } : {})).body.data as Row;

async function expectPveError(
  res: Promise<{ status: number; statusText: string; body: { errors?: Record<string, string> } }>,
  status: number,
  message: string,
): Promise<void> {
  const r = await res;
  expect(r.status).toBe(status);
  expect(r.statusText).toBe(message);
}

describe('config PUT on a running CT (update_pct_config / vmconfig_hotplug_pending)', () => {
  const ct = '/nodes/pve1/lxc/101';

  it('applies fastplug and hotplug keys at once and keeps the rest pending', async () => {
    const put = await api.request('PUT', `${ct}/config`, {
      cores: 3,
      memory: 1024,
      hostname: 'web-renamed',
      nameserver: '9.9.9.9',
    });
    expect(put.status, put.statusText).toBe(200);
    const current = await config(ct, true);
    expect(current).toMatchObject({ cores: 3, memory: 1024, hostname: 'web-renamed' });
    expect(current).not.toHaveProperty('nameserver');
    expect(await config(ct)).toMatchObject({ nameserver: '9.9.9.9' });
    const pending = (await api.get(`${ct}/pending`)).body.data as Row[];
    expect(pending).toContainEqual({ key: 'nameserver', pending: '9.9.9.9' });
    expect(pending).toContainEqual({ key: 'cores', value: '3' });
  });

  it('queues a delete of a key a running CT cannot lose, and applies it at the next stop', async () => {
    await api.request('PUT', `${ct}/config`, { features: 'nesting=1,keyctl=1' });
    await api.request('PUT', `${ct}/config`, { delete: 'features' });
    const pending = (await api.get(`${ct}/pending`)).body.data as Row[];
    expect(pending.find((p) => p.key === 'features')).toMatchObject({ delete: 1 });
    const stop = await api.post(`${ct}/status/stop`);
    expect((await api.waitTask(String(stop.body.data))).exitstatus).toBe('OK');
    const after = await config(ct, true);
    expect(after).not.toHaveProperty('features');
    expect(after).toMatchObject({ nameserver: '9.9.9.9' });
    expect((await api.get(`${ct}/pending`)).body.data).not.toContainEqual(
      expect.objectContaining({ pending: expect.anything() }),
    );
  });

  it('changes a digest with every write and refuses a stale one', async () => {
    const { digest } = await config(ct);
    await api.request('PUT', `${ct}/config`, { description: 'first' });
    await expectPveError(
      api.request('PUT', `${ct}/config`, { description: 'second', digest: String(digest) }),
      500,
      'detected modified configuration - file changed by other user? Try again.',
    );
  });

  it('stores tags lower-cased, sorted and unique (get_unique_tags)', async () => {
    await api.request('PUT', `${ct}/config`, { tags: 'Web;prod;WEB;alpha' });
    expect((await config(ct)).tags).toBe('alpha;prod;web');
  });

  it('refuses required, read-only and unknown keys like PVE', async () => {
    await expectPveError(
      api.request('PUT', `${ct}/config`, { delete: 'memory' }),
      500,
      "unable to delete required option 'memory'",
    );
    await expectPveError(
      api.request('PUT', `${ct}/config`, { unprivileged: 0 }),
      500,
      "unable to modify read-only option: 'unprivileged'",
    );
    const unknown = await api.request('PUT', `${ct}/config`, { delete: 'bogus' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual({ delete: "unknown option 'bogus'" });
    await expectPveError(api.request('PUT', `${ct}/config`, {}), 500, 'no options specified');
  });

  it('asks for the VM.Config.* privilege of each key (check_ct_modify_config_perm)', async () => {
    const client = limited();
    expect((await client.request('PUT', `${ct}/config`, { memory: 768 })).status).toBe(200);
    await expectPveError(
      client.request('PUT', `${ct}/config`, { memory: 512, cores: 1 }),
      403,
      'Permission check failed (/vms/101, VM.Config.CPU)',
    );
    await expectPveError(
      client.request('PUT', `${ct}/config`, { hostname: 'x' }),
      403,
      'Permission check failed (/vms/101, VM.Config.Network)',
    );
    await expectPveError(
      client.request('PUT', `${ct}/config`, { tags: 'x' }),
      403,
      'Permission check failed (/vms/101, VM.Config.Options)',
    );
    expect((await config(ct)).memory).toBe(768);
    await client.close();
  });
});

describe('protection', () => {
  const ct = '/nodes/pve2/lxc/108';

  it('blocks deleting the CT and updating its disks until it is lifted', async () => {
    await api.request('PUT', `${ct}/config`, { protection: 1 });
    await expectPveError(
      api.request('DELETE', ct),
      500,
      "can't remove CT 108 - protection mode enabled",
    );
    await expectPveError(
      api.request('PUT', `${ct}/config`, { rootfs: 'local-lvm:vm-108-disk-0,quota=1' }),
      500,
      "can't update CT 108 drive 'rootfs' - protection mode enabled",
    );
    await api.request('PUT', `${ct}/config`, { delete: 'protection' });
    expect(await config(ct)).not.toHaveProperty('protection');
  });
});

describe('resize (API2/LXC.pm resize_vm)', () => {
  const ct = '/nodes/pve2/lxc/108';

  it('grows by a relative and to an absolute size as a resize task', async () => {
    const before = String((await config(ct)).rootfs);
    expect(before).toMatch(/size=(\d+)G$/);
    const gib = Number(/size=(\d+)G$/.exec(before)?.[1]);
    const res = await api.request('PUT', `${ct}/resize`, { disk: 'rootfs', size: '+2G' });
    expect(String(res.body.data)).toMatch(/:resize:108:root@pam!test:$/);
    expect((await api.waitTask(String(res.body.data))).exitstatus).toBe('OK');
    expect((await config(ct)).rootfs).toBe(`local-lvm:vm-108-disk-0,size=${gib + 2}G`);
    const abs = await api.request('PUT', `${ct}/resize`, { disk: 'rootfs', size: `${gib + 3}G` });
    expect((await api.waitTask(String(abs.body.data))).exitstatus).toBe('OK');
    expect((await config(ct)).rootfs).toBe(`local-lvm:vm-108-disk-0,size=${gib + 3}G`);
  });

  it('never shrinks, and refuses the same size', async () => {
    await expectPveError(
      api.request('PUT', `${ct}/resize`, { disk: 'rootfs', size: '1G' }),
      500,
      'unable to shrink disk size',
    );
    const size = /size=(\w+)$/.exec(String((await config(ct)).rootfs))?.[1] ?? '';
    await expectPveError(
      api.request('PUT', `${ct}/resize`, { disk: 'rootfs', size }),
      500,
      'disk is already at specified size',
    );
  });

  it('fails the task when the storage has no room for the grown part', async () => {
    const res = await api.request('PUT', `${ct}/resize`, { disk: 'rootfs', size: '+100000G' });
    const task = await api.waitTask(String(res.body.data));
    expect(String(task.exitstatus)).toMatch(/Insufficient free space/);
  });

  it('needs VM.Config.Disk', async () => {
    const client = limited();
    await expectPveError(
      client.request('PUT', `${ct}/resize`, { disk: 'rootfs', size: '+1G' }),
      403,
      'Permission check failed (/vms/108, VM.Config.Disk)',
    );
    await client.close();
  });
});

describe('snapshots (API2/LXC/Snapshot.pm, AbstractConfig snapshot_*)', () => {
  const ct = '/nodes/pve3/lxc/109';
  const names = async (): Promise<Row[]> => (await api.get(`${ct}/snapshot`)).body.data as Row[];

  it('takes snapshots as vzsnapshot tasks that form a parent tree, with `current` last', async () => {
    const first = await api.post(`${ct}/snapshot`, {
      snapname: 'before_upgrade',
      description: 'd',
    });
    expect(String(first.body.data)).toMatch(/:vzsnapshot:109:/);
    expect((await api.get(`${ct}/config`)).body.data).toMatchObject({ lock: 'snapshot' });
    expect((await api.waitTask(String(first.body.data))).exitstatus).toBe('OK');
    await api.waitTask(
      String((await api.post(`${ct}/snapshot`, { snapname: 'second' })).body.data),
    );
    const list = await names();
    expect(list.at(-1)).toMatchObject({ name: 'current', parent: 'second', running: 0 });
    expect(list).toContainEqual(
      expect.objectContaining({ name: 'second', parent: 'before_upgrade', description: '' }),
    );
    expect(list.find((s) => s.name === 'before_upgrade')).not.toHaveProperty('parent');
    expect((await config(ct)).lock).toBeUndefined();
  });

  it('fails in the task for a taken name, and at once for reserved names', async () => {
    const again = await api.post(`${ct}/snapshot`, { snapname: 'second' });
    expect((await api.waitTask(String(again.body.data))).exitstatus).toBe(
      "snapshot name 'second' already used",
    );
    await expectPveError(
      api.post(`${ct}/snapshot`, { snapname: 'current' }),
      500,
      "unable to use snapshot name 'current' (reserved name)",
    );
  });

  it('rolls back to a snapshot: its config returns and the current state hangs below it', async () => {
    await api.request('PUT', `${ct}/config`, { cores: 7 });
    const res = await api.post(`${ct}/snapshot/before_upgrade/rollback`, { start: 1 });
    expect(String(res.body.data)).toMatch(/:vzrollback:109:/);
    expect((await api.waitTask(String(res.body.data))).exitstatus).toBe('OK');
    expect((await config(ct)).cores).not.toBe(7);
    expect((await names()).at(-1)).toMatchObject({ name: 'current', parent: 'before_upgrade' });
    const status = (await api.get(`${ct}/status/current`)).body.data as Row;
    expect(status.status).toBe('running');
  });

  it('deletes a snapshot and relinks its children to its parent', async () => {
    const res = await api.request('DELETE', `${ct}/snapshot/before_upgrade`);
    expect(String(res.body.data)).toMatch(/:vzdelsnapshot:109:/);
    expect((await api.waitTask(String(res.body.data))).exitstatus).toBe('OK');
    const list = await names();
    expect(list.map((s) => s.name)).toEqual(['second', 'current']);
    expect(list[0]).not.toHaveProperty('parent');
    expect(list[1]).not.toHaveProperty('parent');
    const missing = await api.request('DELETE', `${ct}/snapshot/before_upgrade`);
    expect((await api.waitTask(String(missing.body.data))).exitstatus).toBe(
      "snapshot 'before_upgrade' does not exist",
    );
  });

  it('cannot snapshot a CT on a plain directory storage', async () => {
    const created = await api.post('/nodes/pve3/lxc', {
      vmid: 650,
      ostemplate: 'local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst',
      rootfs: 'local:2',
    });
    expect((await api.waitTask(String(created.body.data))).exitstatus).toBe('OK');
    const res = await api.post('/nodes/pve3/lxc/650/snapshot', { snapname: 'nope' });
    expect((await api.waitTask(String(res.body.data))).exitstatus).toBe(
      'snapshot feature is not available',
    );
    expect((await api.get('/nodes/pve3/lxc/650/config')).body.data).not.toHaveProperty('lock');
  });

  it('needs VM.Snapshot, and VM.Snapshot or VM.Snapshot.Rollback to roll back', async () => {
    const client = limited();
    await expectPveError(
      client.post(`${ct}/snapshot`, { snapname: 'x1' }),
      403,
      'Permission check failed (/vms/109, VM.Snapshot)',
    );
    await expectPveError(
      client.post(`${ct}/snapshot/second/rollback`),
      403,
      'Permission check failed (/vms/109, VM.Snapshot|VM.Snapshot.Rollback)',
    );
    await client.close();
  });
});
