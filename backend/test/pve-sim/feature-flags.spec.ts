import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { startTestSim, type SimClient } from './sim-client.js';

/**
 * pve-container LXC.pm check_ct_modify_config_perm: only the user root@pam may set feature flags
 * other than nesting, and any flag on a privileged CT. A token is never root@pam, not even
 * `root@pam!test` with full rights.
 */
const TEMPLATE = 'local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst';
const OTHER_FLAGS =
  'Permission check failed (changing feature flags (except nesting) is only allowed for root@pam)';
const PRIVILEGED =
  'Permission check failed (changing feature flags for privileged container is only allowed for root@pam)';

let sim: PveSimHandle;
let api: SimClient;
let root: SimClient;
beforeAll(async () => {
  ({ sim, api } = await startTestSim());
  const login = await api
    .withAuth(null)
    .post('/access/ticket', { username: 'root@pam', password: 'pve-sim-root' });
  const data = login.body.data as { ticket: string; CSRFPreventionToken: string };
  root = api.withAuth({ ticket: data.ticket, csrf: data.CSRFPreventionToken });
});
afterAll(async () => {
  await root.close();
  await api.close();
  await sim.stop();
});

const create = (client: SimClient, vmid: number, extra: Record<string, string | number>) =>
  client.post('/nodes/pve1/lxc', { vmid, ostemplate: TEMPLATE, rootfs: 'local-lvm:4', ...extra });

describe('feature flags on create', () => {
  it('refuses keyctl to a root@pam token with every privilege', async () => {
    const res = await create(api, 901, { features: 'nesting=1,keyctl=1' });
    expect(res.status).toBe(403);
    expect(res.statusText).toBe(OTHER_FLAGS);
  });

  it('refuses fuse, mount and mknod the same way', async () => {
    for (const features of ['fuse=1', 'mount=nfs', 'mknod=1']) {
      const res = await create(api, 902, { features });
      expect(res.statusText).toBe(OTHER_FLAGS);
    }
  });

  it('refuses even nesting on a privileged CT', async () => {
    const res = await create(api, 903, { features: 'nesting=1', unprivileged: 0 });
    expect(res.status).toBe(403);
    expect(res.statusText).toBe(PRIVILEGED);
  });

  it('lets a token set nesting alone on an unprivileged CT', async () => {
    const res = await create(api, 904, { features: 'nesting=1' });
    expect(res.status).toBe(200);
    expect((await api.waitTask(String(res.body.data))).exitstatus).toBe('OK');
  });

  it('lets the user root@pam (ticket) set keyctl', async () => {
    const res = await create(root, 905, { features: 'nesting=1,keyctl=1' });
    expect(res.status).toBe(200);
    expect((await api.waitTask(String(res.body.data))).exitstatus).toBe('OK');
    const config = (await api.get('/nodes/pve1/lxc/905/config')).body.data as { features: string };
    expect(config.features).toContain('keyctl=1');
  });
});

describe('feature flags on a config update', () => {
  it('refuses a token adding keyctl but lets it toggle nesting', async () => {
    const keyctl = await api.request('PUT', '/nodes/pve1/lxc/904/config', {
      features: 'nesting=1,keyctl=1',
    });
    expect(keyctl.status).toBe(403);
    expect(keyctl.statusText).toBe(OTHER_FLAGS);
    const nesting = await api.request('PUT', '/nodes/pve1/lxc/904/config', {
      features: 'nesting=0',
    });
    expect(nesting.status).toBe(200);
  });

  it('refuses a token deleting flags other than nesting', async () => {
    const res = await api.request('PUT', '/nodes/pve1/lxc/905/config', { delete: 'features' });
    expect(res.statusText).toBe(OTHER_FLAGS);
  });
});
