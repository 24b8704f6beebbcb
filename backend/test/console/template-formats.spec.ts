import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { loadScenario } from '../../pve-sim/src/cluster/scenario.js';
import { ROOT_TOKEN, type SimClient, startTestSim } from '../pve-sim/sim-client.js';
import { type ConsoleHarness, startConsole } from '../support/console-harness.js';

const OCI = 'nginx-oci_1.29_amd64.tar';
const BZ2 = 'gentoo-current-openrc_20250701_amd64.tar.bz2';
const TGZ = 'old-style_1.0_amd64.tgz';

/** The default scenario plus an OCI image (.tar), a bzip2 template and a .tgz file. */
function scenarioFile(pveVersion: string): string {
  const base = loadScenario('default');
  const templates = [...base.templates, ...[OCI, BZ2, TGZ].map((file) => ({ file, size: 5e7 }))];
  const file = join(mkdtempSync(join(tmpdir(), 'pve-sim-scenario-')), 'templates.json');
  writeFileSync(file, JSON.stringify({ ...base, pveVersion, templates }));
  return file;
}

const started: { sim: PveSimHandle; api: SimClient; h: ConsoleHarness }[] = [];
async function start(pveVersion: string) {
  const { sim, api } = await startTestSim({ scenario: scenarioFile(pveVersion) });
  const h = await startConsole({
    existingSim: sim,
    env: {
      PROXICLOUD_PVE_TOKEN_ID: ROOT_TOKEN.tokenId,
      PROXICLOUD_PVE_TOKEN_SECRET: ROOT_TOKEN.secret,
    },
  });
  started.push({ sim, api, h });
  return { sim, api, h };
}
afterAll(async () => {
  for (const { sim, api, h } of started) {
    await h.stop();
    await api.close();
    await sim.stop();
  }
});

describe('container templates in every format pve-storage accepts', () => {
  it('lists .tar and .tar.bz2 templates with PVE 9.1 formats tar and tbz2', async () => {
    const { api } = await start('9.1');
    const content = (await api.get('/nodes/pve1/storage/local/content', { content: 'vztmpl' })).body
      .data as { volid: string; format: string }[];
    expect(content).toContainEqual(
      expect.objectContaining({ volid: `local:vztmpl/${OCI}`, format: 'tar' }),
    );
    expect(content).toContainEqual(
      expect.objectContaining({ volid: `local:vztmpl/${BZ2}`, format: 'tbz2' }),
    );
  });

  it('creates containers from an OCI .tar image and a .tar.bz2 template on PVE 9.1', async () => {
    const { h } = started[0];
    for (const file of [OCI, BZ2]) {
      const res = await h.post('/api/containers', { template: `local:vztmpl/${file}`, disk: 2 });
      expect(res.status, res.text).toBe(202);
      expect((await h.waitForTask(res.body.upid)).ok).toBe(true);
    }
  });

  it('refuses a .tgz template with a 400 before Proxmox is asked, as pve-storage cannot parse it', async () => {
    const { h, sim } = started[0];
    const before = sim.requests.length;
    const res = await h.post('/api/containers', { template: `local:vztmpl/${TGZ}`, disk: 2 });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/template/);
    expect(sim.requests.slice(before).some((r) => r.method === 'POST')).toBe(false);
  });

  it('on PVE 8.4 a bare .tar is refused by Proxmox, as pve-storage did before 9.1', async () => {
    const { api } = await start('8.4');
    const res = await api.post('/nodes/pve1/lxc', {
      vmid: 990,
      ostemplate: `local:vztmpl/${OCI}`,
      rootfs: 'local-lvm:2',
    });
    expect(res.status).toBe(500);
    expect(res.statusText).toBe(`unable to parse directory volume name 'vztmpl/${OCI}'`);
    const bz2 = await api.post('/nodes/pve1/lxc', {
      vmid: 991,
      ostemplate: `local:vztmpl/${BZ2}`,
      rootfs: 'local-lvm:2',
    });
    expect(bz2.status, bz2.statusText).toBe(200);
  });
});
