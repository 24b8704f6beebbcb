import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimClient } from '../pve-sim/sim-client.js';
import type { ConsoleHarness } from '../support/console-harness.js';
import { type SimConsole, startSimConsole } from '../support/sim-console.js';

let env: SimConsole;
let pve: SimClient;
let h: ConsoleHarness;

const configTags = async (node: string, vmid: number) =>
  (await pve.get(`/nodes/${node}/lxc/${vmid}/config`)).body.data as { tags?: string };

beforeAll(async () => {
  env = await startSimConsole(0);
  ({ pve, h } = env);
});

afterAll(async () => {
  await env?.stop();
});

describe("datacenter.cfg tag-style (pve-sim and the console's 'Stored as')", () => {
  it('pve-sim stores tags lower-cased and sorted by default, and serves tag-style to any user', async () => {
    const res = await pve.request('PUT', '/nodes/pve1/lxc/101/config', { tags: 'Web;alpha;web' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await configTags('pve1', 101)).tags).toBe('alpha;web');
    const options = await pve.get('/cluster/options');
    expect(options.body.data).not.toHaveProperty('tag-style');
    expect((options.body.data as any)['allowed-tags']).toContain('alpha');
  });

  it('with case-sensitive=1,ordering=config Proxmox keeps case and order, and the console says and sends so', async () => {
    const set = await pve.request('PUT', '/cluster/options', {
      'tag-style': 'case-sensitive=1,ordering=config',
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect((await pve.get('/cluster/options')).body.data).toMatchObject({
      'tag-style': { 'case-sensitive': 1, ordering: 'config' },
    });
    const style = await h.get('/api/datacenter/tag-style');
    expect(style.status, style.text).toBe(200);
    expect(style.body).toMatchObject({ caseSensitive: true, ordering: 'config', stale: false });

    const patched = await h.patch('/api/containers/103', {
      tags: ['Zeta', 'alpha', 'Zeta', 'zeta'],
    });
    expect(patched.status, patched.text).toBe(200);
    const ct = (await h.get('/api/containers/103')).body;
    expect((await configTags(ct.node, 103)).tags).toBe('Zeta;alpha;zeta');
    expect(patched.body.tags).toEqual(['Zeta', 'alpha', 'zeta']);
  });

  it('the console reuses the tag-style it read (no /cluster/options per request) until it is old', async () => {
    const del = await pve.request('PUT', '/cluster/options', { delete: 'tag-style' });
    expect(del.status, JSON.stringify(del.body)).toBe(200);
    const again = await h.get('/api/datacenter/tag-style');
    expect(again.body).toMatchObject({ caseSensitive: true, ordering: 'config' });
    expect(again.headers.get('x-cache-status')).toBe('HIT');
  });

  it('only Sys.Modify on / may change datacenter options; tag-style is readable without Sys.Audit', async () => {
    // scenario user vmadmin@pve (PVEVMAdmin, PVEAuditor): no Sys.Modify on /
    const vmadmin = pve.withAuth({
      token: 'vmadmin@pve!stock=5d8e2f14-6a3b-4c9d-8e7f-a1b2c3d4e5f6',
    });
    const res = await vmadmin.request('PUT', '/cluster/options', {
      'tag-style': 'ordering=config',
    });
    expect([res.status, res.statusText]).toEqual([403, 'Permission check failed (/, Sys.Modify)']);
    await pve.request('PUT', '/cluster/options', {
      'tag-style': 'ordering=config',
      keyboard: 'de',
    });
    const plain = await vmadmin.get('/cluster/options');
    expect(plain.body.data).toMatchObject({ 'tag-style': { ordering: 'config' }, keyboard: 'de' });
  });

  it('with user-tag-access and registered-tags, a user without Sys.Modify on / may change only allowed tags', async () => {
    const set = await pve.request('PUT', '/cluster/options', {
      'user-tag-access': 'user-allow=list,user-allow-list=web;db',
      'registered-tags': 'prod',
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(
      (await pve.request('PUT', '/nodes/pve3/lxc/104/config', { delete: 'tags' })).status,
    ).toBe(200);
    const vmadmin = pve.withAuth({
      token: 'vmadmin@pve!stock=5d8e2f14-6a3b-4c9d-8e7f-a1b2c3d4e5f6',
    });
    const options = (await vmadmin.get('/cluster/options')).body.data as Record<string, unknown>;
    expect(options).toMatchObject({
      'user-tag-access': { 'user-allow': 'list', 'user-allow-list': ['web', 'db'] },
      'registered-tags': ['prod'],
      'allowed-tags': ['db', 'web'],
    });
    const put = (tags: string) => vmadmin.request('PUT', '/nodes/pve3/lxc/104/config', { tags });
    expect((await put('web;db')).status).toBe(200);
    for (const [tags, refused] of [
      ['web;db;other', 'other'],
      ['web;db;prod', 'prod'],
    ]) {
      const res = await put(tags);
      expect([res.status, res.statusText]).toEqual([
        403,
        `Permission check failed (/, Sys.Modify for modifying tag '${refused}')`,
      ]);
    }
    expect((await pve.request('PUT', '/nodes/pve3/lxc/104/config', { tags: 'prod' })).status).toBe(
      200,
    );
  });
});
