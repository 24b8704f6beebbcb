import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPveSim } from '../../pve-sim/src/index.js';
import { startTestSim } from './sim-client.js';

type Row = Record<string, unknown>;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function summary(scenario: string) {
  const { sim, api } = await startTestSim({ scenario });
  try {
    const resources = (await api.get('/cluster/resources')).body.data as Row[];
    return {
      nodes: resources.filter((r) => r.type === 'node').length,
      lxc: resources.filter((r) => r.type === 'lxc'),
      qemu: resources.filter((r) => r.type === 'qemu').length,
      storages: [
        ...new Set(
          resources
            .filter((r) => r.type === 'storage')
            .map((r) => `${String(r.storage)}:${String(r.plugintype)}`),
        ),
      ],
      pools: resources.filter((r) => r.type === 'pool').length,
      templates: (await api.get('/nodes/pve1/storage/local/content', { content: 'vztmpl' })).body
        .data as Row[],
    };
  } finally {
    await api.close();
    await sim.stop();
  }
}

describe('scenarios', () => {
  it('default: 3 nodes, 12 CTs in mixed states, 2 VMs, local + local-lvm, templates, pools, tags', async () => {
    const s = await summary('default');
    expect(s.nodes).toBe(3);
    expect(s.lxc).toHaveLength(12);
    expect(s.qemu).toBe(2);
    expect(new Set(s.lxc.map((c) => c.status))).toEqual(new Set(['running', 'stopped']));
    expect(new Set(s.lxc.map((c) => c.node))).toEqual(new Set(['pve1', 'pve2', 'pve3']));
    expect(s.lxc.some((c) => c.template === 1)).toBe(true);
    expect(s.lxc.filter((c) => typeof c.tags === 'string').length).toBeGreaterThan(8);
    expect(s.storages.sort()).toEqual(['local-lvm:lvmthin', 'local:dir']);
    expect(s.pools).toBe(2);
    expect(s.templates.length).toBeGreaterThanOrEqual(3);
  });

  it('tiny: 1 node, 2 CTs and no cluster entry in /cluster/status', async () => {
    const { sim, api } = await startTestSim({ scenario: 'tiny' });
    const resources = (await api.get('/cluster/resources')).body.data as Row[];
    expect(resources.filter((r) => r.type === 'node').map((r) => r.node)).toEqual(['pve']);
    expect(resources.filter((r) => r.type === 'lxc')).toHaveLength(2);
    const status = (await api.get('/cluster/status')).body.data as Row[];
    expect(status.map((r) => r.type)).toEqual(['node']);
    await api.close();
    await sim.stop();
  });

  it('large: 10 nodes and 1,000 CTs', async () => {
    const s = await summary('large');
    expect(s.nodes).toBe(10);
    expect(s.lxc).toHaveLength(1000);
  });

  it('a scenario file given by path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pve-sim-scenario-'));
    dirs.push(dir);
    const file = join(dir, 'one.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'one',
        nodes: [
          { name: 'solo', ip: '10.9.9.9', cpus: 2, memoryGiB: 4, rootfsGiB: 32, uptimeDays: 1 },
        ],
        storages: [
          { storage: 'local-lvm', type: 'lvmthin', content: 'rootdir,images', totalGiB: 100 },
        ],
        templates: [],
        pools: [],
        users: [],
        guests: [
          {
            vmid: 150,
            type: 'lxc',
            node: 'solo',
            name: 'only',
            status: 'running',
            cores: 1,
            memory: 256,
            diskGiB: 2,
            ageDays: 1,
            uptimeHours: 2,
          },
        ],
      }),
    );
    const { sim, api } = await startTestSim({ scenario: file });
    expect(((await api.get('/nodes/solo/lxc')).body.data as Row[]).map((r) => r.name)).toEqual([
      'only',
    ]);
    await api.close();
    await sim.stop();
  });
});

describe('certificate', () => {
  it('is made at first start, kept in the data dir and reused with the same fingerprint', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pve-sim-data-'));
    dirs.push(dataDir);
    const lines: string[] = [];
    const first = await startPveSim({
      port: 0,
      dataDir,
      controlPort: false,
      log: (l) => lines.push(l),
    });
    await first.stop();
    const second = await startPveSim({ port: 0, dataDir, controlPort: false });
    await second.stop();
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(lines[0]).toBe(
      `pve-sim listening on ${first.url}/api2/json fingerprint ${first.fingerprint}`,
    );
  });
});
