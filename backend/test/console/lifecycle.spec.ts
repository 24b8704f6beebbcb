import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleHarness } from '../support/console-harness.js';

let h: ConsoleHarness;

beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => {
  await h?.stop();
});

async function downloadedTemplate(): Promise<string> {
  const templates = await h.get('/api/templates');
  expect(templates.status).toBe(200);
  const withCopy = templates.body.items.find((t: any) => t.available.length > 0);
  expect(withCopy, 'the default scenario has a downloaded template').toBeDefined();
  return withCopy.available[0].volid;
}

async function runAction(vmid: number, action: string): Promise<any> {
  const res = await h.post(`/api/containers/${vmid}/${action}`);
  expect(res.status, res.text).toBe(202);
  return h.waitForTask(res.body.upid);
}

describe('the container lifecycle through the console API', () => {
  it('lists LXC containers only, never the QEMU VMs of the cluster', async () => {
    const res = await h.get('/api/containers');
    expect(res.status).toBe(200);
    const vmids = res.body.items.map((c: any) => c.vmid);
    expect(vmids).toContain(101);
    expect(vmids).not.toContain(200);
    expect(vmids).not.toContain(201);
  });

  it('filters the list by node, status and text', async () => {
    const onPve1 = await h.get('/api/containers?node=pve1&status=running');
    expect(onPve1.body.items.length).toBeGreaterThan(0);
    expect(onPve1.body.items.every((c: any) => c.node === 'pve1' && c.status === 'running')).toBe(
      true,
    );
    const web = await h.get('/api/containers?q=web');
    expect(web.body.items.length).toBeGreaterThan(0);
    expect(web.body.items.every((c: any) => `${c.name} ${c.tags.join(' ')}`.includes('web'))).toBe(
      true,
    );
  });

  it('creates, starts, reboots, shuts down, stops and deletes a container', async () => {
    const template = await downloadedTemplate();
    const suggestion = await h.get('/api/names/suggest');
    expect(suggestion.body.hostname).toMatch(/^[a-z]+-[a-z]+$/);

    const created = await h.post('/api/containers', {
      template,
      hostname: suggestion.body.hostname,
      memory: 256,
      disk: 2,
      cores: 1,
      nesting: true,
      tags: ['it'],
    });
    expect(created.status, created.text).toBe(202);
    const { vmid, node, upid } = created.body;
    expect(upid).toMatch(
      new RegExp(`^UPID:${node}:[0-9A-F]{8}:[0-9A-F]{8,9}:[0-9A-F]{8}:vzcreate:${vmid}:`),
    );
    const createTask = await h.waitForTask(upid);
    expect(createTask.exitstatus).toBe('OK');
    expect(createTask.log.at(-1).t).toBe('TASK OK');

    const detail = await h.get(`/api/containers/${vmid}`);
    expect(detail.status).toBe(200);
    expect(detail.body.config.hostname).toBe(suggestion.body.hostname);
    expect(detail.body.config.memory).toBe(256);
    expect(detail.body.config.features.nesting).toBe('1');
    expect(detail.body.status).toBe('stopped');

    expect((await runAction(vmid, 'start')).ok).toBe(true);
    expect((await h.get(`/api/containers/${vmid}`)).body.status).toBe('running');
    expect((await runAction(vmid, 'reboot')).ok).toBe(true);
    expect((await runAction(vmid, 'shutdown')).ok).toBe(true);
    expect((await h.get(`/api/containers/${vmid}`)).body.status).toBe('stopped');
    expect((await runAction(vmid, 'start')).ok).toBe(true);
    expect((await runAction(vmid, 'stop')).ok).toBe(true);

    const deleted = await h.del(`/api/containers/${vmid}?purge=true`);
    expect(deleted.status, deleted.text).toBe(202);
    expect((await h.waitForTask(deleted.body.upid)).ok).toBe(true);
    expect((await h.get(`/api/containers/${vmid}`)).status).toBe(404);
  });

  it('deletes a running container only with force, which stops it first', async () => {
    const template = await downloadedTemplate();
    const created = await h.post('/api/containers', { template, start: true, disk: 2 });
    expect(created.status, created.text).toBe(202);
    expect((await h.waitForTask(created.body.upid)).ok).toBe(true);
    const vmid = created.body.vmid;
    expect((await h.get(`/api/containers/${vmid}`)).body.status).toBe('running');

    const refused = await h.del(`/api/containers/${vmid}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/running/);

    const forced = await h.del(`/api/containers/${vmid}?force=true`);
    expect(forced.status, forced.text).toBe(202);
    expect((await h.waitForTask(forced.body.upid)).ok).toBe(true);
    expect((await h.get(`/api/containers/${vmid}`)).status).toBe(404);
  });

  it('records each action in the activity feed with the result of its Proxmox task', async () => {
    const dashboard = await h.get('/api/dashboard');
    expect(dashboard.status).toBe(200);
    const actions = dashboard.body.recentActivity.map((a: any) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['create', 'start', 'delete']));
    expect(dashboard.body.containers.total).toBeGreaterThan(0);
    expect(dashboard.body.recentTasks.length).toBeGreaterThan(0);
  });

  it('suggests names that no guest of the cluster uses and checks typed ones', async () => {
    const taken = await h.get('/api/names/check?hostname=web-1');
    expect(taken.body).toMatchObject({ available: false });
    expect(taken.body.reason).toMatch(/CT 101/);
    const invalid = await h.get('/api/names/check?hostname=bad_name!');
    expect(invalid.body.available).toBe(false);
    const free = await h.get('/api/names/check?hostname=surely-unused-name');
    expect(free.body.available).toBe(true);
  });

  it('downloads a template from the appliance index as a task', async () => {
    const all = await h.get('/api/templates?all=true');
    const offered = all.body.items.find((t: any) => t.template && t.available.length === 0);
    expect(offered).toBeDefined();
    const res = await h.post('/api/templates/download', {
      node: 'pve1',
      storage: 'local',
      template: offered.template,
    });
    expect(res.status, res.text).toBe(202);
    expect((await h.waitForTask(res.body.upid)).ok).toBe(true);
    const after = await h.get('/api/templates?all=true');
    const entry = after.body.items.find((t: any) => t.id === offered.id);
    expect(entry.available.map((a: any) => a.node)).toContain('pve1');
    const again = await h.post('/api/templates/download', {
      node: 'pve1',
      storage: 'local',
      template: offered.template,
    });
    expect(again.status).toBe(409);
  });
});
