import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleHarness } from '../support/console-harness.js';

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => {
  await h?.stop();
});

const TEMPLATE = 'local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst';
const creates = () => h.sim.requests.filter((r) => r.method === 'POST' && /\/lxc$/.test(r.path));

describe('feature flags the console token may not set (LXC.pm check_ct_modify_config_perm)', () => {
  it('refuses keyctl with 400 before Proxmox is called, naming the pct command', async () => {
    const before = creates().length;
    const res = await h.post('/api/containers', {
      template: TEMPLATE,
      vmid: 950,
      nesting: true,
      keyctl: true,
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('root@pam');
    expect(res.body.message).toContain('pct set 950 --features nesting=1,keyctl=1');
    expect(res.body.fields).toHaveProperty('keyctl');
    expect(creates().length).toBe(before);
  });

  it('refuses nesting on a privileged container the same way', async () => {
    const before = creates().length;
    const res = await h.post('/api/containers', {
      template: TEMPLATE,
      nesting: true,
      unprivileged: false,
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('pct set <vmid> --features nesting=1');
    expect(creates().length).toBe(before);
  });

  it('passes nesting on an unprivileged container to Proxmox, which accepts it from a token', async () => {
    const res = await h.post('/api/containers', { template: TEMPLATE, nesting: true, disk: 2 });
    expect(res.status, res.text).toBe(202);
    expect((await h.waitForTask(res.body.upid)).exitstatus).toBe('OK');
    expect(creates().at(-1)?.params).toMatchObject({ features: 'nesting=1' });
  });
});

describe('a privileged container (API2/LXC.pm create_vm: Sys.Modify on / unless unprivileged)', () => {
  it('is refused with 403 naming Sys.Modify on / before Proxmox is called, for a token without it', async () => {
    // the scenario's console@pve!ci token has the ProxiCloud role: everything the console does,
    // but not Sys.Modify (the documented token setup does not grant it either)
    const ci = await startConsole({
      env: {
        PROXICLOUD_PVE_TOKEN_ID: 'console@pve!ci',
        PROXICLOUD_PVE_TOKEN_SECRET: '3b0a4bc7-2a4f-4a0c-9d1e-5f6a7b8c9d01',
      },
    });
    try {
      const sent = () =>
        ci.sim.requests.filter((r) => r.method === 'POST' && /\/lxc$/.test(r.path)).length;
      const res = await ci.post('/api/containers', { template: TEMPLATE, unprivileged: false });
      expect(res.status).toBe(403);
      expect(res.body.message).toContain('Sys.Modify on /');
      expect(sent()).toBe(0);
      const unprivileged = await ci.post('/api/containers', { template: TEMPLATE, disk: 2 });
      expect(unprivileged.status, unprivileged.text).toBe(202);
    } finally {
      await ci.stop();
    }
  });
});
