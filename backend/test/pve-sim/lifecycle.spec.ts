import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUpid } from '../../pve-sim/src/cluster/upid.js';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { startTestSim, type SimClient } from './sim-client.js';

let sim: PveSimHandle;
let api: SimClient;

// speed 0.1: a create takes ~900 ms, long enough to observe its lock.
beforeAll(async () => ({ sim, api } = await startTestSim({ speed: 0.1 })));
afterAll(async () => {
  await api.close();
  await sim.stop();
});

const TEMPLATE = 'local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst';
type Row = Record<string, unknown>;
const ct = (vmid: number) => `/nodes/pve2/lxc/${vmid}`;

async function expectPveError(
  res: Promise<{ status: number; statusText: string; body: { message?: string } }>,
  status: number,
  message: string,
) {
  const r = await res;
  expect(r.status).toBe(status);
  expect(r.statusText).toBe(message);
  expect(r.body.message).toBe(`${message}\n`);
}

// The steps below run in order and share the CT 500 they create.
describe('the CT lifecycle', () => {
  let upid = '';

  it('creates a CT: a vzcreate task owned by the token, with lock create meanwhile', async () => {
    const created = await api.post('/nodes/pve2/lxc', {
      vmid: 500,
      ostemplate: TEMPLATE,
      hostname: 'life-cycle',
      rootfs: 'local-lvm:8',
      memory: 1024,
      net0: 'name=eth0,bridge=vmbr0,ip=dhcp',
      tags: 'Demo,Web',
      pool: 'web',
    });
    expect(created.status).toBe(200);
    upid = String(created.body.data);
    expect(parseUpid(upid)).toMatchObject({
      node: 'pve2',
      type: 'vzcreate',
      id: '500',
      user: 'root@pam!test',
    });

    const during = await api.get(`${ct(500)}/status/current`);
    expect(during.body.data).toMatchObject({ lock: 'create', status: 'stopped' });
    // Status.pm checks the lock inside the worker: HTTP 200, the task fails
    const start = await api.post(`${ct(500)}/status/start`);
    expect(start.status).toBe(200);
    expect((await api.waitTask(String(start.body.data))).exitstatus).toBe('CT is locked (create)');
    const listed = (await api.get('/cluster/resources', { type: 'vm' })).body.data as Row[];
    expect(listed.find((r) => r.vmid === 500)).toMatchObject({ lock: 'create' });
    const active = (await api.get('/nodes/pve2/tasks', { source: 'active' })).body.data as Row[];
    expect(active).toEqual([expect.objectContaining({ upid, status: 'RUNNING' })]);
  });

  it('ends the create task with TASK OK and reads the config back in PVE format', async () => {
    const done = await api.waitTask(upid);
    expect(done).toMatchObject({
      status: 'stopped',
      exitstatus: 'OK',
      user: 'root@pam',
      tokenid: 'test',
    });
    const log = await api.get(`/nodes/pve2/tasks/${encodeURIComponent(upid)}/log`);
    const lines = log.body.data as { n: number; t: string }[];
    expect(lines.at(-1)).toEqual({ n: lines.length, t: 'TASK OK' });
    expect(log.body.total).toBe(lines.length);

    const config = (await api.get(`${ct(500)}/config`)).body.data as Record<string, unknown>;
    expect(config).toMatchObject({
      hostname: 'life-cycle',
      memory: 1024,
      unprivileged: 1,
      tags: 'demo;web',
      rootfs: 'local-lvm:vm-500-disk-0,size=8G',
    });
    expect(config.lock).toBeUndefined();
    expect(config.net0).toMatch(
      /^name=eth0,bridge=vmbr0,hwaddr=BC:24:11:[0-9A-F:]{8},ip=dhcp,type=veth$/,
    );
    expect(config.digest).toMatch(/^[0-9a-f]{40}$/);
  });

  it('starts the CT, then refuses a second start and a delete while it runs', async () => {
    const start = await api.post(`${ct(500)}/status/start`);
    expect((await api.waitTask(String(start.body.data))).exitstatus).toBe('OK');
    await expectPveError(api.post(`${ct(500)}/status/start`), 500, 'CT 500 already running');
    await expectPveError(
      api.request('DELETE', ct(500)),
      500,
      'unable to destroy CT 500 - container is running',
    );
  });

  it('stops the CT, then refuses stop and shutdown of a stopped CT', async () => {
    const stop = await api.post(`${ct(500)}/status/stop`);
    expect((await api.waitTask(String(stop.body.data))).exitstatus).toBe('OK');
    await expectPveError(api.post(`${ct(500)}/status/stop`), 500, 'CT 500 not running');
    await expectPveError(api.post(`${ct(500)}/status/shutdown`), 500, 'CT 500 not running');
  });

  it('deletes the CT with its volume, locked as destroyed while the task runs', async () => {
    const del = await api.request('DELETE', ct(500), { purge: 1 });
    const start = await api.post(`${ct(500)}/status/start`);
    expect((await api.waitTask(String(start.body.data))).exitstatus).toBe(
      'CT is locked (destroyed)',
    );
    expect((await api.waitTask(String(del.body.data))).exitstatus).toBe('OK');
    await expectPveError(
      api.get(`${ct(500)}/status/current`),
      500,
      "Configuration file 'nodes/pve2/lxc/500.conf' does not exist",
    );
    const volumes = (await api.get('/nodes/pve2/storage/local-lvm/content')).body.data as {
      vmid?: number;
    }[];
    expect(volumes.some((v) => v.vmid === 500)).toBe(false);
  });

  it('force-deletes a running CT', async () => {
    const del = await api.request('DELETE', '/nodes/pve1/lxc/107', { force: 1 });
    expect((await api.waitTask(String(del.body.data))).exitstatus).toBe('OK');
    expect((await api.get('/cluster/resources', { type: 'vm' })).body.data).not.toContainEqual(
      expect.objectContaining({ vmid: 107 }),
    );
  });

  it('starts a CT after creation when asked to', async () => {
    const res = await api.post('/nodes/pve3/lxc', {
      vmid: 501,
      ostemplate: TEMPLATE,
      rootfs: 'local-lvm:2',
      start: 1,
    });
    await api.waitTask(String(res.body.data));
    expect((await api.get('/nodes/pve3/lxc/501/status/current')).body.data).toMatchObject({
      status: 'running',
    });
  });

  it('lists finished tasks newest first with their exit status', async () => {
    const res = await api.get('/nodes/pve2/tasks', { vmid: 500 });
    const tasks = res.body.data as { type: string; status: string; endtime?: number }[];
    expect(tasks.map((t) => `${t.type} ${t.status}`)).toEqual([
      'vzstart CT is locked (destroyed)',
      'vzdestroy OK',
      'vzstop OK',
      'vzstart OK',
      'vzstart CT is locked (create)',
      'vzcreate OK',
    ]);
    expect(tasks.every((t) => typeof t.endtime === 'number')).toBe(true);
  });
});

describe('synchronous errors, worded as PVE words them', () => {
  it('refuses an existing vmid, naming its node and kind', async () => {
    await expectPveError(
      api.post('/nodes/pve2/lxc', { vmid: 101, ostemplate: TEMPLATE, rootfs: 'local-lvm:4' }),
      500,
      "CT 101 already exists on node 'pve1'",
    );
    await expectPveError(
      api.post('/nodes/pve2/lxc', { vmid: 200, ostemplate: TEMPLATE, rootfs: 'local-lvm:4' }),
      500,
      "VM 200 already exists on node 'pve1'",
    );
  });

  it('refuses a template that was never downloaded', async () => {
    const missing = 'local:vztmpl/fedora-44-default_20260713_amd64.tar.xz';
    await expectPveError(
      api.post('/nodes/pve2/lxc', { vmid: 502, ostemplate: missing, rootfs: 'local-lvm:4' }),
      500,
      `volume '${missing}' does not exist`,
    );
  });

  it('refuses a rootfs on a storage that cannot hold containers (the default, local) as a parameter error', async () => {
    // API2/LXC.pm $check_and_activate_storage: raise_param_exc({ storage => ... })
    const res = await api.post('/nodes/pve2/lxc', { vmid: 502, ostemplate: TEMPLATE });
    expect(res.status).toBe(400);
    expect(res.body.errors?.storage).toBe("storage 'local' does not support container directories");
    // storage_config dies for a storage that does not exist: a 500 with the message
    await expectPveError(
      api.post('/nodes/pve2/lxc', { vmid: 502, ostemplate: TEMPLATE, rootfs: 'nope:4' }),
      500,
      "storage 'nope' does not exist",
    );
  });

  it('validates SSH public keys line by line as ssh-keygen -l does, before anything is written', async () => {
    const key =
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINp8RE5JLRizrtLGOTnQdyk1KhKbBuzPUHznIBV1Q/IR e2e@proxicloud';
    // the blob says ssh-ed25519, so the same blob under another type name is not a key
    const relabelled = key.replace(/^ssh-ed25519/, 'ssh-rsa');
    for (const bad of ['not a key', `${key}\nssh-ed25519 AAAA`, relabelled, '# a comment']) {
      await expectPveError(
        api.post('/nodes/pve2/lxc', {
          vmid: 504,
          ostemplate: TEMPLATE,
          rootfs: 'local-lvm:4',
          'ssh-public-keys': bad,
        }),
        500,
        'SSH public key validation error',
      );
    }
    expect((await api.get('/cluster/nextid', { vmid: 504 })).status, 'nothing written').toBe(200);
    const ok = await api.post('/nodes/pve2/lxc', {
      vmid: 504,
      ostemplate: TEMPLATE,
      rootfs: 'local-lvm:4',
      'ssh-public-keys': `${key}\n\n  \ncommand="uptime" ${key}\n`,
    });
    expect(ok.status).toBe(200);
    await api.waitTask(String(ok.body.data));
    expect((await api.request('DELETE', '/nodes/pve2/lxc/504')).status).toBe(200);
  });

  it('fails the create task when the storage is full and removes the half-made CT', async () => {
    const res = await api.post('/nodes/pve2/lxc', {
      vmid: 503,
      ostemplate: TEMPLATE,
      rootfs: 'local-lvm:100000',
    });
    const status = await api.waitTask(String(res.body.data));
    expect(status.exitstatus).toMatch(
      /^unable to create CT 503 - lvcreate .* Insufficient free space/,
    );
    const log = (
      await api.get(`/nodes/pve2/tasks/${encodeURIComponent(String(res.body.data))}/log`)
    ).body.data as { t: string }[];
    expect(log.at(-1)?.t).toBe(`TASK ERROR: ${String(status.exitstatus)}`);
    expect((await api.get('/cluster/nextid', { vmid: 503 })).status).toBe(200);
  });

  it('refuses to start a template inside the worker', async () => {
    const res = await api.post('/nodes/pve3/lxc/112/status/start');
    expect(res.status).toBe(200);
    expect((await api.waitTask(String(res.body.data))).exitstatus).toBe(
      "you can't start a CT if it's a template",
    );
  });

  it('refuses a CT asked for on the wrong node', async () => {
    await expectPveError(
      api.get('/nodes/pve2/lxc/101/config'),
      500,
      "Configuration file 'nodes/pve2/lxc/101.conf' does not exist",
    );
  });
});

describe('config updates', () => {
  it('applies a PUT, deletes keys and rejects a stale digest', async () => {
    const before = (await api.get('/nodes/pve1/lxc/103/config')).body.data as Record<
      string,
      unknown
    >;
    const put = await api.request('PUT', '/nodes/pve1/lxc/103/config', {
      cores: 3,
      description: 'hello',
      tags: 'A;b',
      digest: String(before.digest),
    });
    expect(put.status).toBe(200);
    expect(put.body.data).toBeNull();
    const after = (await api.get('/nodes/pve1/lxc/103/config')).body.data as Record<
      string,
      unknown
    >;
    expect(after).toMatchObject({ cores: 3, description: 'hello', tags: 'a;b' });
    await api.request('PUT', '/nodes/pve1/lxc/103/config', { delete: 'description' });
    expect((await api.get('/nodes/pve1/lxc/103/config')).body.data).not.toHaveProperty(
      'description',
    );
    await expectPveError(
      api.request('PUT', '/nodes/pve1/lxc/103/config', { cores: 2, digest: String(before.digest) }),
      500,
      'detected modified configuration - file changed by other user? Try again.',
    );
  });
});

describe('templates', () => {
  it('downloads an appliance template as a task and lists it afterwards', async () => {
    const file = 'alpine-3.23-default_20260116_amd64.tar.xz';
    const res = await api.post('/nodes/pve3/aplinfo', { storage: 'local', template: file });
    expect(parseUpid(String(res.body.data))).toMatchObject({ type: 'download', id: file });
    expect((await api.waitTask(String(res.body.data))).exitstatus).toBe('OK');
    const content = (await api.get('/nodes/pve3/storage/local/content', { content: 'vztmpl' })).body
      .data as { volid: string; format: string }[];
    expect(content).toContainEqual(
      expect.objectContaining({ volid: `local:vztmpl/${file}`, format: 'txz' }),
    );
  });

  it('refuses to put templates on a storage without vztmpl content', async () => {
    await expectPveError(
      api.post('/nodes/pve3/aplinfo', {
        storage: 'local-lvm',
        template: 'alpine-3.23-default_20260116_amd64.tar.xz',
      }),
      500,
      "storage 'local-lvm' does not support templates",
    );
  });
});
