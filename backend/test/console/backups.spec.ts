import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleHarness } from '../support/console-harness.js';

let h: ConsoleHarness;

beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => {
  await h?.stop();
});

const READONLY = { id: 'auditor@pve!readonly', secret: '7c1e9f20-5d3b-4e8a-a6b4-0c2d4e6f8a10' };
const enc = encodeURIComponent;

/** Proxmox writes (POST/PUT/DELETE) pve-sim received since `from`. */
function writesSince(sim: ConsoleHarness['sim'], from: number): string[] {
  return sim.requests
    .slice(from)
    .filter((r) => r.method !== 'GET')
    .map((r) => `${r.method} ${r.path}`);
}

describe('backups through the console API (pve-sim over HTTPS)', () => {
  let volid: string;

  it('backs a container up, lists the archive, restores it into a new container and deletes it', async () => {
    const res = await h.post('/api/containers/103/backup', {
      storage: 'local',
      mode: 'snapshot',
      notes: 'it {{guestname}}',
    });
    expect(res.status, res.text).toBe(202);
    expect(res.body.upid).toMatch(/:vzdump:103:/);
    expect((await h.waitForTask(res.body.upid)).exitstatus).toBe('OK');

    const list = await h.get('/api/backups?vmid=103');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const made = list.body.items[0];
    expect(made).toMatchObject({ vmid: 103, storage: 'local', node: 'pve1', notes: 'it db-1' });
    expect(made.protected).toBe(false);
    expect(made.volid).toMatch(/^local:backup\/vzdump-lxc-103-.*\.tar\.zst$/);
    expect(made.size).toBeGreaterThan(0);
    volid = made.volid;
    expect((await h.get('/api/backups?storage=local-lvm')).body.items).toEqual([]);

    const restored = await h.post('/api/backups/restore', { volid, unique: true });
    expect(restored.status, restored.text).toBe(202);
    const { vmid, node, upid } = restored.body;
    expect(node).toBe('pve1');
    expect(upid).toMatch(new RegExp(`:vzrestore:${vmid}:`));
    expect((await h.waitForTask(upid)).exitstatus).toBe('OK');
    // PVE lists a CT made after the last pvestatd tick as unknown without a name (pve-sim views.ts)
    const listedName = async () =>
      (await h.get('/api/containers')).body.items.find((c: any) => c.vmid === vmid)?.name;
    await expect.poll(listedName, { timeout: 20_000, interval: 500 }).toBe('db-1');
    const detail = await h.get(`/api/containers/${vmid}`);
    expect(detail.body.config.rootfs).toMatch(new RegExp(`^local-lvm:vm-${vmid}-disk-0`));

    const del = await h.del(`/api/backups/${enc(volid)}`);
    expect(del.status, del.text).toBe(202);
    expect((await h.waitForTask(del.body.upid)).exitstatus).toBe('OK');
    expect((await h.get('/api/backups?vmid=103')).body.items).toEqual([]);
  });

  it('restores over an existing stopped container only with force', async () => {
    const res = await h.post('/api/containers/108/backup', { mode: 'stop' });
    expect(res.status, res.text).toBe(202);
    expect((await h.waitForTask(res.body.upid)).exitstatus).toBe('OK');
    const archive = (await h.get('/api/backups?vmid=108')).body.items[0].volid;
    const before = h.sim.requests.length;
    const unforced = await h.post('/api/backups/restore', { volid: archive, vmid: 108 });
    expect(unforced.status).toBe(409);
    expect(unforced.body.message).toMatch(/force: true/);
    expect(writesSince(h.sim, before)).toEqual([]);
    const forced = await h.post('/api/backups/restore', { volid: archive, vmid: 108, force: true });
    expect(forced.status, forced.text).toBe(202);
    expect((await h.waitForTask(forced.body.upid)).exitstatus).toBe('OK');
  });

  it('answers 4xx before Proxmox is asked to write anything', async () => {
    const protectedBackup = (await h.get('/api/backups?vmid=101')).body.items.find(
      (b: any) => b.protected,
    );
    expect(protectedBackup, 'the default scenario has a protected backup of CT 101').toBeDefined();
    const before = h.sim.requests.length;

    const prot = await h.del(`/api/backups/${enc(protectedBackup.volid)}`);
    expect(prot.status).toBe(409);
    expect(prot.body.message).toMatch(/protected/);

    const running = await h.post('/api/backups/restore', {
      volid: protectedBackup.volid,
      vmid: 101,
      force: true,
    });
    expect(running.status).toBe(409);
    expect(running.body.message).toBe('CT 101 is running; stop it before restoring over it');

    const noBackupStorage = await h.post('/api/containers/101/backup', {
      storage: 'local-lvm',
      mode: 'snapshot',
    });
    expect(noBackupStorage.status).toBe(400);
    expect(noBackupStorage.body.fields.storage).toMatch(/does not allow backups/);

    const badNotes = await h.post('/api/containers/101/backup', {
      mode: 'snapshot',
      notes: '{{owner}}',
    });
    expect(badNotes.status).toBe(400);

    const badMode = await h.post('/api/containers/101/backup', { mode: 'hot' });
    expect(badMode.status).toBe(400);

    const missing = await h.del(
      `/api/backups/${enc('local:backup/vzdump-lxc-999-2020_01_01-00_00_00.tar.zst')}`,
    );
    expect(missing.status).toBe(404);

    const viewer = await h.loginAs('viewer');
    expect((await viewer.post('/api/containers/101/backup', { mode: 'snapshot' })).status).toBe(
      403,
    );

    expect(writesSince(h.sim, before)).toEqual([]);
  });

  it('names the missing Proxmox privilege without asking Proxmox to back up', async () => {
    const ro = await startConsole({
      existingSim: h.sim,
      env: { PROXICLOUD_PVE_TOKEN_ID: READONLY.id, PROXICLOUD_PVE_TOKEN_SECRET: READONLY.secret },
    });
    try {
      const before = h.sim.requests.length;
      const res = await ro.post('/api/containers/101/backup', { mode: 'snapshot' });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ privilege: 'VM.Backup', path: '/vms/101' });
      expect(writesSince(h.sim, before)).toEqual([]);
    } finally {
      await ro.stop();
    }
  });

  it("shows each container's backup age and filters those without a backup in N days", async () => {
    const all = await h.get('/api/backups/freshness');
    expect(all.status).toBe(200);
    expect(all.body.days).toBe(7);
    const web1 = all.body.items.find((f: any) => f.vmid === 101);
    expect(web1.stale).toBe(false);
    expect(web1.ageDays).toBeLessThan(7);
    const web2 = all.body.items.find((f: any) => f.vmid === 102);
    expect(web2).toMatchObject({ lastBackupAt: null, ageDays: null, stale: true });
    const strict = await h.get('/api/backups/freshness?days=1&staleOnly=true');
    expect(strict.body.items.some((f: any) => f.vmid === 102)).toBe(true);
    expect(strict.body.items.every((f: any) => f.stale)).toBe(true);
    expect((await h.get('/api/backups/freshness?days=0')).status).toBe(400);
  });

  it('lists the scheduled backup jobs read-only with their next run', async () => {
    const res = await h.get('/api/backups/jobs');
    expect(res.status).toBe(200);
    const weekly = res.body.items.find((j: any) => j.schedule === 'sun 01:00');
    expect(weekly).toMatchObject({ storage: 'local', all: true, enabled: true });
    expect(new Date(weekly.nextRun).getUTCDay()).toBe(0);
    expect(Date.parse(weekly.nextRun)).toBeGreaterThan(Date.now());
    const disabled = res.body.items.find((j: any) => !j.enabled);
    expect(disabled.vmids).toEqual([101, 102]);
  });
});
