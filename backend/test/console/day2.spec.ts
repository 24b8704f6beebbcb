import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleHarness } from '../support/console-harness.js';
import { dirRootdirScenario } from '../support/dir-storage-scenario.js';

const READONLY = { id: 'auditor@pve!readonly', secret: '7c1e9f20-5d3b-4e8a-a6b4-0c2d4e6f8a10' };
const dir = mkdtempSync(join(tmpdir(), 'proxicloud-day2-'));
let h: ConsoleHarness;

// speed 0.3: a snapshot task holds its lock for ~600 ms, long enough to meet it
beforeAll(async () => {
  h = await startConsole({ sim: { speed: 0.3, scenario: dirRootdirScenario(dir) } });
});
afterAll(async () => {
  await h?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes (anything but GET) pve-sim received for one CT: what reached Proxmox. */
const writesTo = (vmid: number): number =>
  h.sim.requests.filter((r) => r.method !== 'GET' && r.path.includes(`/lxc/${vmid}`)).length;

async function expectRefusedBeforeProxmox(
  vmid: number,
  call: () => Promise<{ status: number; text: string; body: any }>,
  status: number,
  message: RegExp,
): Promise<void> {
  const before = writesTo(vmid);
  const res = await call();
  expect(res.status, res.text).toBe(status);
  expect(res.body.message).toMatch(message);
  expect(writesTo(vmid), 'nothing reached Proxmox').toBe(before);
}

const detail = async (vmid: number): Promise<any> => (await h.get(`/api/containers/${vmid}`)).body;

describe('PATCH /api/containers/{vmid}', () => {
  it('changes cores and tags of a running CT live and stores tags as PVE does', async () => {
    const res = await h.patch('/api/containers/101', { cores: 3, tags: ['Web', 'prod', 'web'] });
    expect(res.status, res.text).toBe(200);
    expect(res.body.config.cores).toBe(3);
    expect(res.body.tags).toEqual(['prod', 'web']);
    expect(res.body.pending).toEqual([]);
    const activity = await h.get('/api/activity?action=configure');
    expect(activity.body.entries[0]).toMatchObject({
      action: 'configure',
      target: 'ct/101',
      result: 'ok',
      message: 'cores=3 tags=prod;web',
    });
  });

  it('shows what a running CT keeps pending until its next stop', async () => {
    const res = await h.patch('/api/containers/103', { nameserver: '9.9.9.9', memory: 768 });
    expect(res.status, res.text).toBe(200);
    expect(res.body.config.memory).toBe(768);
    expect(res.body.pending).toEqual([{ key: 'nameserver', pending: '9.9.9.9', delete: false }]);
    const stop = await h.post('/api/containers/103/stop');
    expect((await h.waitForTask(stop.body.upid)).ok).toBe(true);
    const after = await detail(103);
    expect(after.config.nameserver).toBe('9.9.9.9');
    expect(after.pending).toEqual([]);
  });

  it('sends only what changed: the same values do not reach Proxmox', async () => {
    const { config } = await detail(101);
    const before = writesTo(101);
    const res = await h.patch('/api/containers/101', {
      cores: config.cores,
      memory: config.memory,
      tags: ['web', 'prod'],
    });
    expect(res.status, res.text).toBe(200);
    expect(writesTo(101)).toBe(before);
    const one = await h.patch('/api/containers/101', { cores: config.cores, swap: 256 });
    expect(one.status).toBe(200);
    const put = h.sim.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/101/config'));
    expect(Object.keys(put.at(-1)?.params ?? {}).sort()).toEqual(['digest', 'swap']);
  });

  it('clears a value given empty through PVE delete', async () => {
    await h.patch('/api/containers/104', { description: 'temporary note' });
    expect((await detail(104)).config.description).toBe('temporary note');
    const res = await h.patch('/api/containers/104', { description: '' });
    expect(res.status, res.text).toBe(200);
    expect(res.body.config.description).toBeUndefined();
    const put = h.sim.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/104/config'));
    expect(put.at(-1)?.params).toMatchObject({ delete: 'description' });
  });

  it('removes the settings listed in delete, and a network option listed in its delete', async () => {
    await h.patch('/api/containers/104', { swap: 128, nameserver: '1.1.1.1' });
    const res = await h.patch('/api/containers/104', { delete: ['swap', 'nameserver'] });
    expect(res.status, res.text).toBe(200);
    const put = h.sim.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/104/config'));
    expect(put.at(-1)?.params).toMatchObject({ delete: 'swap,nameserver' });
    const after = await detail(104);
    expect(after.config.swap).toBeUndefined();
    expect(after.config.nameserver).toBeUndefined();
    expect(after.pending).toEqual([]);
    await h.patch('/api/containers/104', { networks: [{ key: 'net0', vlan: 30 }] });
    expect((await detail(104)).config.networks[0].tag).toBe(30);
    const net = await h.patch('/api/containers/104', {
      networks: [{ key: 'net0', delete: ['vlan'] }],
    });
    expect(net.status, net.text).toBe(200);
    expect(net.body.config.networks[0].tag).toBeUndefined();
    expect(net.body.config.networks[0].ip).toBe('10.10.0.104/24');
  });

  it('answers 409 when the config changed since the caller read it', async () => {
    const { config } = await detail(105);
    expect((await h.patch('/api/containers/105', { description: 'first' })).status).toBe(200);
    await expectRefusedBeforeProxmox(
      105,
      () => h.patch('/api/containers/105', { description: 'second', digest: config.digest }),
      409,
      /changed since you loaded them.*reload/,
    );
    expect((await detail(105)).config.description).toBe('first');
  });

  it.each([
    [{ cores: 0 }, /cores must be at least 1/],
    [{ memory: null }, /memory must not be null/],
    [{ delete: ['memory'] }, /delete may name cores, swap/],
    [{ cores: 2, delete: ['cores'] }, /cores is both given a value and listed in delete/],
    [{ networks: [{ key: 'net0', delete: ['bridge'] }] }, /delete may name ip, gateway/],
    [{ hostname: 'bad_name!' }, /hostname must be a valid DNS name/],
    [{ nameserver: '1.1.1.1 not-an-ip' }, /nameserver: 'not-an-ip' is not an IP address/],
    [{ tags: ['ok', 'no spaces'] }, /each tag may hold/],
    [
      { networks: [{ key: 'net1', ip: 'dhcp', gateway: '10.0.0.1' }] },
      /net1\.gateway needs a static ip/,
    ],
    [{ networks: [{ key: 'net5', remove: true }] }, /net5 does not exist/],
    [{ networks: [{ name: 'eth0' }] }, /two interfaces would be named 'eth0'/],
    [{ networks: [{ key: 'net1', vlan: 5000 }] }, /vlan must be from 1 to 4094/],
    [{ digest: 'nope' }, /digest must be the 40 hex digits/],
    [{ unknown: 1 }, /property unknown should not exist/],
  ])('refuses %j with 400 before Proxmox', async (body, message) => {
    await expectRefusedBeforeProxmox(101, () => h.patch('/api/containers/101', body), 400, message);
  });

  it('adds, edits and removes a network interface, keeping its MAC address', async () => {
    const add = await h.patch('/api/containers/108', {
      networks: [
        {
          bridge: 'vmbr0',
          ip: '10.20.0.5/24',
          gateway: '10.20.0.1',
          vlan: 20,
          firewall: true,
          rate: 12.5,
          mtu: 1400,
        },
      ],
    });
    expect(add.status, add.text).toBe(200);
    const net1 = add.body.config.networks.find((n: any) => n.key === 'net1');
    expect(net1).toMatchObject({
      name: 'eth1',
      bridge: 'vmbr0',
      ip: '10.20.0.5/24',
      gw: '10.20.0.1',
      tag: 20,
      firewall: true,
      rate: 12.5,
      mtu: 1400,
    });
    const edit = await h.patch('/api/containers/108', {
      networks: [{ key: 'net1', vlan: 30, ip6: 'auto', mtu: 1500 }],
    });
    expect(edit.status, edit.text).toBe(200);
    const edited = edit.body.config.networks.find((n: any) => n.key === 'net1');
    expect(edited).toMatchObject({ ip6: 'auto', tag: 30, mtu: 1500, hwaddr: net1.hwaddr });
    const removed = await h.patch('/api/containers/108', {
      networks: [{ key: 'net1', remove: true }],
    });
    expect(removed.body.config.networks.map((n: any) => n.key)).toEqual(['net0']);
  });

  it('renames a CT through its hostname', async () => {
    const res = await h.patch('/api/containers/108', { hostname: 'renamed-108' });
    expect(res.body.config.hostname).toBe('renamed-108');
    expect(res.body.name).toBe('renamed-108');
  });
});

describe('protection', () => {
  it('shows protection, refuses to delete a protected CT with 409 saying how to lift it', async () => {
    const on = await h.patch('/api/containers/109', { protection: true });
    expect(on.body.config.protection).toBe(true);
    await expectRefusedBeforeProxmox(
      109,
      () => h.del('/api/containers/109'),
      409,
      /CT 109 is protected.*turn protection off.*"protection": false/,
    );
    const off = await h.patch('/api/containers/109', { protection: false });
    expect(off.body.config.protection).toBe(false);
  });
});

describe('POST /api/containers/{vmid}/resize', () => {
  it('grows the root disk as a Proxmox task', async () => {
    const before = (await detail(108)).config.rootfsSize;
    const res = await h.post('/api/containers/108/resize', { disk: 'rootfs', size: '+1G' });
    expect(res.status, res.text).toBe(202);
    expect(res.body.upid).toMatch(/:resize:108:/);
    expect((await h.waitForTask(res.body.upid)).ok).toBe(true);
    expect((await detail(108)).config.rootfsSize).toBe(`${parseInt(before, 10) + 1}G`);
  });

  it('refuses a smaller absolute size, the same size, a bad size and a missing disk', async () => {
    const size = (await detail(108)).config.rootfsSize as string;
    const call = (body: object) => () => h.post('/api/containers/108/resize', body);
    await expectRefusedBeforeProxmox(
      108,
      call({ disk: 'rootfs', size: '1G' }),
      400,
      /only grows disks/,
    );
    await expectRefusedBeforeProxmox(108, call({ disk: 'rootfs', size }), 400, /already/);
    await expectRefusedBeforeProxmox(
      108,
      call({ disk: 'rootfs', size: '5' }),
      400,
      /unit K, M, G or T/,
    );
    await expectRefusedBeforeProxmox(
      108,
      call({ disk: 'mp3', size: '+1G' }),
      400,
      /has no disk mp3/,
    );
  });
});

describe('snapshots', () => {
  const base = '/api/containers/106/snapshots';

  it('takes snapshots, lists them with parent links and without PVE’s current entry', async () => {
    const first = await h.post(base, { name: 'base', description: 'clean install' });
    expect(first.status, first.text).toBe(202);
    expect(first.body.upid).toMatch(/:vzsnapshot:106:/);
    expect((await h.waitForTask(first.body.upid)).ok).toBe(true);
    const second = await h.post(base, { name: 'after-setup' });
    expect((await h.waitForTask(second.body.upid)).ok).toBe(true);
    const list = await h.get(base);
    expect(list.status).toBe(200);
    expect(list.body.map((s: any) => s.name)).toEqual(['base', 'after-setup']);
    expect(list.body[0]).toMatchObject({ description: 'clean install', parentOfCurrent: false });
    expect(list.body[1]).toMatchObject({ parent: 'base', parentOfCurrent: true });
    expect(list.body[1].snaptime).toBeGreaterThan(1_700_000_000);
  });

  it('refuses a locked CT with 409 naming the lock while a snapshot task runs', async () => {
    const taking = await h.post(base, { name: 'locker' });
    expect(taking.status).toBe(202);
    await expectRefusedBeforeProxmox(
      106,
      () => h.patch('/api/containers/106', { cores: 2 }),
      409,
      /locked \(snapshot\)/,
    );
    await expectRefusedBeforeProxmox(
      106,
      () => h.post(base, { name: 'other' }),
      409,
      /locked \(snapshot\)/,
    );
    expect((await h.waitForTask(taking.body.upid)).ok).toBe(true);
  });

  it.each([
    [{ name: 'current' }, 400, /reserved by Proxmox/],
    [{ name: 'x' }, 400, /snapshot name must start with a letter/],
    [{ name: '1abc' }, 400, /snapshot name must start with a letter/],
    [{ name: 'base' }, 409, /already has a snapshot named 'base'/],
  ])('refuses %j before Proxmox', async (body, status, message) => {
    await expectRefusedBeforeProxmox(106, () => h.post(base, body), status, message);
  });

  it('rolls back (optionally starting the CT) and deletes a snapshot', async () => {
    await h.patch('/api/containers/106', { cores: 4 });
    const rollback = await h.post(`${base}/base/rollback`, { start: true });
    expect(rollback.status, rollback.text).toBe(202);
    expect(rollback.body.upid).toMatch(/:vzrollback:106:/);
    expect((await h.waitForTask(rollback.body.upid)).ok).toBe(true);
    const after = await detail(106);
    expect(after.config.cores).not.toBe(4);
    expect(after.status).toBe('running');
    expect((await h.get(base)).body.find((s: any) => s.name === 'base').parentOfCurrent).toBe(true);
    const del = await h.del(`${base}/after-setup`);
    expect(del.status, del.text).toBe(202);
    expect((await h.waitForTask(del.body.upid)).ok).toBe(true);
    expect((await h.get(base)).body.map((s: any) => s.name)).not.toContain('after-setup');
    const actions = (await h.get('/api/activity?target=ct/106')).body.entries.map(
      (e: any) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['snapshot', 'rollback', 'delete-snapshot']));
  });

  it('answers 404 for a snapshot that does not exist, before Proxmox', async () => {
    await expectRefusedBeforeProxmox(
      106,
      () => h.post(`${base}/nope/rollback`),
      404,
      /no snapshot named 'nope'/,
    );
    await expectRefusedBeforeProxmox(
      106,
      () => h.del(`${base}/nope`),
      404,
      /no snapshot named 'nope'/,
    );
  });

  it('says plainly that a CT on a directory storage cannot be snapshotted', async () => {
    const template = 'local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst';
    const created = await h.post('/api/containers', {
      template,
      storage: 'local',
      disk: 2,
      node: 'pve1',
    });
    expect(created.status, created.text).toBe(202);
    expect((await h.waitForTask(created.body.upid)).ok).toBe(true);
    const vmid = created.body.vmid as number;
    await expectRefusedBeforeProxmox(
      vmid,
      () => h.post(`/api/containers/${vmid}/snapshots`, { name: 'nope' }),
      400,
      /snapshot feature is not available.*storage 'local' \(dir\)/,
    );
  });
});

describe('a token without the privileges', () => {
  let ro: ConsoleHarness;
  beforeAll(async () => {
    ro = await startConsole({
      existingSim: h.sim,
      env: { PROXICLOUD_PVE_TOKEN_ID: READONLY.id, PROXICLOUD_PVE_TOKEN_SECRET: READONLY.secret },
    });
  });
  afterAll(async () => ro?.stop());

  it('gets 403 naming the missing privilege before Proxmox, and changes nothing', async () => {
    const before = (await detail(101)).config.memory;
    const writes = writesTo(101);
    const res = await ro.patch('/api/containers/101', { memory: before + 64, hostname: 'x-1' });
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('The Proxmox token lacks privilege VM.Config.Memory on /vms/101');
    const snap = await ro.post('/api/containers/101/snapshots', { name: 'denied' });
    expect(snap.status).toBe(403);
    expect(snap.body.message).toMatch(/lacks privilege VM\.Snapshot on \/vms\/101/);
    const rollback = await ro.post('/api/containers/106/snapshots/base/rollback');
    expect(rollback.body.message).toMatch(/VM\.Snapshot or VM\.Snapshot\.Rollback/);
    const resize = await ro.post('/api/containers/101/resize', { disk: 'rootfs', size: '+1G' });
    expect(resize.status).toBe(403);
    expect(resize.body.message).toMatch(/VM\.Config\.Disk/);
    expect(writesTo(101), 'nothing reached Proxmox').toBe(writes);
    expect((await detail(101)).config.memory).toBe(before);
  });
});
