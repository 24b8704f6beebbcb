import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleHarness } from '../support/console-harness.js';
import { auditRequests } from '../support/request-audit.js';

let h: ConsoleHarness;
let template: string;

beforeAll(async () => {
  // slow tasks, so a fresh container keeps its create lock long enough to be seen
  h = await startConsole({ sim: { speed: 0.2 } });
  const templates = await h.get('/api/templates');
  template = templates.body.items.find((t: any) => t.available.length > 0).available[0].volid;
});
afterAll(async () => {
  await h?.stop();
});

describe('invalid input is refused with a 400 naming the field, before Proxmox is asked', () => {
  it.each([
    [{ hostname: 'bad_host!' }, 'hostname', /valid DNS name/],
    [{ memory: 8 }, 'memory', /at least 16/],
    [{ cores: 0 }, 'cores', /at least 1/],
    [{ vmid: 99 }, 'vmid', /at least 100/],
    [{ ip: '10.0.0.300/24' }, 'ip', /dhcp/],
    [{ vlan: 5000 }, 'vlan', /1 to 4094/],
    [{ sshKeys: 'not a key' }, 'sshKeys', /OpenSSH/],
    [{ tags: ['ok', 'no spaces'] }, 'tags', /tag/],
    [{ template: 'debian.tar.zst' }, 'template', /volume id/],
    [{ unknownField: 1 }, 'unknownField', /should not exist/],
    [{ ip: 'dhcp', gateway: '10.0.0.1' }, 'gateway', /static ip/],
  ])('refuses %j', async (body, field, message) => {
    const before = h.sim.requests.filter((r) => r.method !== 'GET').length;
    const res = await h.post('/api/containers', { template, ...body });
    expect(res.status, res.text).toBe(400);
    expect(Object.keys(res.body.fields)).toEqual([field]);
    expect(res.body.fields[field]).toMatch(message);
    expect(res.body.message).toMatch(message);
    expect(h.sim.requests.filter((r) => r.method !== 'GET').length).toBe(before);
  });

  it('refuses a body that is not JSON with a 400', async () => {
    const res = await h.post('/api/containers', '{"template": ');
    expect(res.status).toBe(400);
    expect(typeof res.body.message).toBe('string');
  });

  it('refuses a template the node does not hold, and names the way out', async () => {
    const res = await h.post('/api/containers', {
      template: 'local:vztmpl/none-1_amd64.tar.zst',
      node: 'pve1',
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/download it first/);
  });

  it('refuses an unknown node, an unknown storage and a disk larger than the free space', async () => {
    expect(
      (await h.post('/api/containers', { template, node: 'nope' })).body.fields.node,
    ).toBeDefined();
    const storage = await h.post('/api/containers', { template, node: 'pve1', storage: 'local' });
    expect(storage.status).toBe(400);
    expect(storage.body.message).toMatch(/cannot hold containers/);
    const big = await h.post('/api/containers', { template, node: 'pve1', disk: 100_000 });
    expect(big.status).toBe(400);
    expect(big.body.message).toMatch(/GiB free/);
  });

  it('refuses malformed path and query values', async () => {
    expect((await h.get('/api/containers/abc')).status).toBe(400);
    expect((await h.post('/api/containers/12/start')).status).toBe(400);
    expect((await h.get('/api/containers?status=sleeping')).status).toBe(400);
    expect((await h.get('/api/tasks/not-a-upid')).status).toBe(400);
    expect((await h.del('/api/containers/101?purge=maybe')).status).toBe(400);
  });
});

describe('Proxmox refusals map to clear HTTP answers', () => {
  it('answers 404 for an unknown vmid and for a QEMU VM', async () => {
    const missing = await h.get('/api/containers/4242');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toMatch(/4242 does not exist/);
    const vm = await h.post('/api/containers/200/start');
    expect(vm.status).toBe(404);
    expect(vm.body.message).toMatch(/QEMU/);
  });

  it('answers 409 when the container already runs or is not running', async () => {
    const running = await h.post('/api/containers/101/start');
    expect(running.status).toBe(409);
    expect(running.body.message).toMatch(/already running/);
    const stopped = await h.post('/api/containers/108/stop');
    expect(stopped.status).toBe(409);
    expect(stopped.body.message).toMatch(/not running/);
  });

  it('answers 409 for a hostname or vmid already used in the cluster', async () => {
    const name = await h.post('/api/containers', { template, hostname: 'web-1' });
    expect(name.status).toBe(409);
    expect(name.body.message).toMatch(/CT 101/);
    const id = await h.post('/api/containers', { template, vmid: 101 });
    expect(id.status).toBe(409);
    expect(id.body.fields.vmid).toMatch(/already in use/);
  });

  it('answers 409 naming the lock while a container is being created', async () => {
    const created = await h.post('/api/containers', { template, disk: 2 });
    expect(created.status, created.text).toBe(202);
    const res = await h.post(`/api/containers/${created.body.vmid}/start`);
    expect(res.status, res.text).toBe(409);
    expect(res.body.lock).toBe('create');
    expect(res.body.message).toMatch(/locked \(create\)/);
    await h.waitForTask(created.body.upid, 60_000);
  });
});

describe('what the console sends to Proxmox', () => {
  it('validates against apidoc.json for every request of this suite', () => {
    expect(h.sim.requests.length).toBeGreaterThan(10);
    expect(auditRequests(h.sim)).toEqual([]);
  });

  it('never shows the token secret in an answer', () => {
    expect(h.answers.length).toBeGreaterThan(10);
    expect(h.answers.filter((a) => a.includes(h.tokenSecret))).toEqual([]);
  });
});
