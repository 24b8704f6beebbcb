import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { getApiSchema } from '../../pve-sim/src/schema/index.js';
import { startTestSim, type SimClient } from './sim-client.js';

type Obj = Record<string, unknown>;

let sim: PveSimHandle;
let api: SimClient;

beforeAll(async () => ({ sim, api } = await startTestSim()));
afterAll(async () => {
  await api.close();
  await sim.stop();
});

function fixture(name: string): Obj {
  return JSON.parse(
    readFileSync(new URL(`../fixtures/pve/${name}`, import.meta.url), 'utf8'),
  ) as Obj;
}

/** JSON type, counting Perl's numeric strings ("1") as the numbers they are. */
function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return 'number';
  return typeof v;
}

function declared(method: string, path: string): Set<string> {
  const m = getApiSchema().match(method, path);
  if (m.kind !== 'ok') return new Set();
  const r = m.endpoint.returns as { properties?: Obj; items?: { properties?: Obj } };
  return new Set(Object.keys(r.properties ?? r.items?.properties ?? {}));
}

/**
 * Same keys with the same JSON types as the capture; keys pve-sim sends beyond the capture must
 * at least be ones the schema declares (or listed as known extras of newer PVE versions).
 */
function expectSameShape(sim: Obj, captured: Obj, allowedExtra: Set<string>): void {
  const simKinds = Object.fromEntries(Object.entries(sim).map(([k, v]) => [k, kind(v)]));
  const capturedKinds = Object.fromEntries(Object.entries(captured).map(([k, v]) => [k, kind(v)]));
  for (const key of Object.keys(capturedKinds))
    expect(simKinds[key], `key ${key}`).toBe(capturedKinds[key]);
  const extra = Object.keys(simKinds).filter((k) => !(k in capturedKinds) && !allowedExtra.has(k));
  expect(extra).toEqual([]);
}

const data = (f: Obj): unknown => f.data;

describe('pve-sim answers have the keys and types of the captured PVE responses', () => {
  it('GET /version', async () => {
    const res = await api.get('/version');
    expectSameShape(
      res.body.data as Obj,
      data(fixture('version-pve8.json')) as Obj,
      declared('GET', '/version'),
    );
  });

  it('GET /nodes', async () => {
    const nodes = (await api.get('/nodes')).body.data as Obj[];
    const captured = data(fixture('nodes.json')) as Obj[];
    for (const n of nodes) expectSameShape(n, captured[0], declared('GET', '/nodes'));
  });

  it('GET /cluster/status (cluster and node entries)', async () => {
    const entries = (await api.get('/cluster/status')).body.data as Obj[];
    const captured = data(fixture('cluster-status.json')) as Obj[];
    for (const type of ['cluster', 'node']) {
      expectSameShape(
        entries.find((e) => e.type === type)!,
        captured.find((e) => e.type === type)!,
        new Set(),
      );
    }
  });

  it('GET /cluster/resources (qemu, node and storage entries)', async () => {
    const entries = (await api.get('/cluster/resources')).body.data as Obj[];
    const captured = data(fixture('cluster-resources.json')) as Obj[];
    const extra = new Set(['tags', 'pool', 'lock']);
    for (const type of ['qemu', 'node', 'storage']) {
      const mine = entries.filter((e) => e.type === type && e.status !== 'stopped');
      const theirs = captured.find((e) => e.type === type && !('tags' in e))!;
      for (const e of mine) expectSameShape(e, theirs, extra);
    }
  });

  it('GET /cluster/resources?type=vm (lxc entries)', async () => {
    const entries = (await api.get('/cluster/resources', { type: 'vm' })).body.data as Obj[];
    const captured = data(fixture('cluster-resources-type-vm-lxc.json')) as Obj[];
    const mine = entries.find(
      (e) => e.type === 'lxc' && e.status === 'running' && 'tags' in e && !('pool' in e),
    )!;
    expectSameShape(mine, captured[0], new Set());
  });

  it('GET .../lxc/{vmid}/status/current', async () => {
    const mine = (await api.get('/nodes/pve1/lxc/101/status/current')).body.data as Obj;
    const pve9 = [
      'template',
      'tags',
      'pressurecpusome',
      'pressureiosome',
      'pressureiofull',
      'pressurememorysome',
      'pressurememoryfull',
    ];
    expectSameShape(mine, data(fixture('lxc-status-current.json')) as Obj, new Set(pve9));
  });

  it('GET .../lxc/{vmid}/config of a CT created with the captured options', async () => {
    const captured = data(fixture('lxc-config.json')) as Obj;
    const create = await api.post('/nodes/pve1/lxc', {
      vmid: 700,
      ostemplate: 'local:vztmpl/ubuntu-24.04-standard_24.04-2_amd64.tar.zst',
      rootfs: 'local-lvm:4',
      hostname: 'test-lxc',
      console: 1,
      cmode: 'tty',
      tty: 2,
      description: 'A testnode',
      cores: 1,
      swap: 0,
      cpulimit: 0,
      net0: 'name=eth0,bridge=vmbr0,gw=10.1.1.1,ip=10.1.1.3/24',
      protection: 0,
      memory: 1000,
      onboot: 0,
      cpuunits: 1024,
      tags: 'one;two;three',
    });
    await api.waitTask(String(create.body.data));
    const mine = (await api.get('/nodes/pve1/lxc/700/config')).body.data as Obj;
    expectSameShape(mine, captured, new Set(['unprivileged']));
  });

  it('GET .../tasks/{upid}/status for OK, error and token-owned tasks', async () => {
    const ok = await api.waitTask(
      String((await api.post('/nodes/pve1/lxc/101/status/stop')).body.data),
    );
    expectSameShape(ok, data(fixture('task-status-stopped-ok.json')) as Obj, new Set(['tokenid']));
    expectSameShape(
      ok,
      data(fixture('task-status-running-apitoken.json')) as Obj,
      new Set(['exitstatus']),
    );
    const full = await api.post('/nodes/pve1/lxc', {
      vmid: 701,
      ostemplate: 'local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst',
      rootfs: 'local-lvm:99999',
    });
    const failed = await api.waitTask(String(full.body.data));
    expectSameShape(
      failed,
      data(fixture('task-status-stopped-error.json')) as Obj,
      new Set(['tokenid']),
    );
  });

  it('POST /access/ticket', async () => {
    const res = await api
      .withAuth(null)
      .post('/access/ticket', { username: 'root@pam', password: 'pve-sim-root' });
    const mine = res.body.data as Obj;
    const captured = data(fixture('access-ticket.json')) as Obj;
    expectSameShape(mine, captured, new Set());
    expect(Object.keys(mine.cap as Obj).sort()).toEqual(
      expect.arrayContaining(Object.keys(captured.cap as Obj).sort()),
    );
  });

  it('GET /nodes/{node}/aplinfo serves the real appliance index', async () => {
    const mine = (await api.get('/nodes/pve1/aplinfo')).body.data as Obj[];
    const captured = data(fixture('aplinfo.json')) as Obj[];
    expect(mine.map((e) => e.template).sort()).toEqual(captured.map((e) => e.template).sort());
    expectSameShape(mine[0], captured.find((e) => e.template === mine[0].template)!, new Set());
  });

  it('400 from /cluster/nextid for a taken vmid (plus the PVE 9 message key)', async () => {
    const res = await api.get('/cluster/nextid', { vmid: 101 });
    expectSameShape(
      res.body,
      fixture('error-400-cluster-nextid-vmid-exists.json'),
      new Set(['message']),
    );
  });

  it('400 for a parameter type check (envelope of the captured one)', async () => {
    const res = await api.get('/nodes/pve1/lxc', { type: 'x' });
    expect(res.status).toBe(400);
    expectSameShape(res.body, fixture('error-400-param-type-check.json'), new Set(['message']));
  });
});
