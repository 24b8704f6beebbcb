import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../pve-sim/src/handlers/routes.js';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { getApiSchema } from '../../pve-sim/src/schema/index.js';
import { validateReturns } from '../support/apidoc-returns.js';
import { startTestSim, type ApiResponse, type SimClient } from './sim-client.js';

let sim: PveSimHandle;
let api: SimClient;
const schema = getApiSchema();

beforeAll(async () => ({ sim, api } = await startTestSim()));
afterAll(async () => {
  await api.close();
  await sim.stop();
});

function endpointOf(method: string, path: string) {
  const m = schema.match(method, path);
  if (m.kind !== 'ok') throw new Error(`${method} ${path} is not in the schema`);
  return m.endpoint;
}

async function expectValid(
  method: string,
  path: string,
  params: Record<string, string | number> = {},
): Promise<ApiResponse> {
  const res = await api.request(method, path, params);
  expect(res.status, `${method} ${path}: ${res.statusText}`).toBe(200);
  expect(validateReturns(endpointOf(method, path), res.body.data)).toEqual([]);
  return res;
}

describe('every implemented endpoint answers inside its apidoc returns schema', () => {
  const reads: [string, Record<string, string | number>?][] = [
    ['/version'],
    ['/nodes'],
    ['/nodes/pve1/status'],
    ['/cluster/resources'],
    ['/cluster/resources', { type: 'vm' }],
    ['/cluster/resources', { type: 'storage' }],
    ['/cluster/resources', { type: 'node' }],
    ['/cluster/status'],
    ['/cluster/nextid'],
    ['/cluster/options'],
    ['/nodes/pve1/lxc'],
    ['/nodes/pve1/lxc/101/status/current'],
    ['/nodes/pve2/lxc/108/status/current'],
    ['/nodes/pve1/lxc/101/config'],
    ['/nodes/pve1/lxc/101/pending'],
    ['/nodes/pve1/lxc/101/snapshot'],
    ['/nodes/pve1/lxc/101/rrddata', { timeframe: 'hour' }],
    ['/nodes/pve1/rrddata', { timeframe: 'decade', cf: 'MAX' }],
    ['/nodes/pve1/tasks'],
    ['/nodes/pve1/storage'],
    ['/nodes/pve1/storage/local/content', { content: 'vztmpl' }],
    ['/nodes/pve1/storage/local-lvm/content'],
    ['/nodes/pve1/aplinfo'],
    ['/access/permissions'],
    ['/nodes/pve1/storage/local/content', { content: 'backup' }],
    ['/cluster/backup'],
    ['/nodes/pve1/lxc/101/interfaces'],
  ];
  it.each(reads)('GET %s %j', async (path, params) => {
    await expectValid('GET', path, params);
  });

  it('POST /access/ticket', async () => {
    await expectValid('POST', '/access/ticket', { username: 'root@pam', password: 'pve-sim-root' });
  });

  it('the CT lifecycle calls, the template download and the task calls', async () => {
    const create = await expectValid('POST', '/nodes/pve1/lxc', {
      vmid: 300,
      ostemplate: 'local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst',
      rootfs: 'local-lvm:4',
      net0: 'name=eth0,bridge=vmbr0,ip=dhcp',
    });
    const upid = String(create.body.data);
    await expectValid('GET', `/nodes/pve1/tasks/${encodeURIComponent(upid)}/status`);
    await expectValid('GET', `/nodes/pve1/tasks/${encodeURIComponent(upid)}/log`);
    await expectValid('PUT', '/nodes/pve1/lxc/300/config', { memory: 1024 });
    await expectValid('PUT', '/nodes/pve1/lxc/300/resize', { disk: 'rootfs', size: '+1G' });
    await expectValid('POST', '/nodes/pve1/lxc/300/snapshot', { snapname: 'snap1' });
    await expectValid('GET', '/nodes/pve1/lxc/300/snapshot');
    await expectValid('POST', '/nodes/pve1/lxc/300/snapshot/snap1/rollback');
    await expectValid('DELETE', '/nodes/pve1/lxc/300/snapshot/snap1');
    for (const action of ['start', 'reboot', 'shutdown', 'start', 'stop']) {
      await expectValid('POST', `/nodes/pve1/lxc/300/status/${action}`);
    }
    await expectValid('DELETE', '/nodes/pve1/lxc/300', { purge: 1 });
    await expectValid('POST', '/nodes/pve1/aplinfo', {
      storage: 'local',
      template: 'alpine-3.23-default_20260116_amd64.tar.xz',
    });
  });

  it('the backup calls: vzdump, restore and deleting the archive', async () => {
    const dump = await expectValid('POST', '/nodes/pve1/vzdump', { vmid: 103, storage: 'local' });
    await api.waitTask(String(dump.body.data));
    const list = await api.get('/nodes/pve1/storage/local/content', {
      content: 'backup',
      vmid: 103,
    });
    const volid = String((list.body.data as { volid: string }[])[0].volid);
    const restore = await expectValid('POST', '/nodes/pve1/lxc', {
      vmid: 301,
      ostemplate: volid,
      restore: 1,
      storage: 'local-lvm',
    });
    await api.waitTask(String(restore.body.data));
    await expectValid('DELETE', `/nodes/pve1/storage/local/content/${encodeURIComponent(volid)}`);
  });

  it('PUT /cluster/options', async () => {
    await expectValid('PUT', '/cluster/options', { 'tag-style': 'shape=full' });
    await expectValid('PUT', '/cluster/options', { delete: 'tag-style' });
  });

  it('termproxy and vncwebsocket (without an upgrade: just its answer)', async () => {
    const proxy = await expectValid('POST', '/nodes/pve1/lxc/101/termproxy');
    const { port, ticket } = proxy.body.data as { port: number; ticket: string };
    await expectValid('GET', '/nodes/pve1/lxc/101/vncwebsocket', { port, vncticket: ticket });
  });

  it('covers every route the simulator implements', () => {
    const tested = new Set([
      ...reads.map(([p]) => `GET ${endpointOf('GET', p).path}`),
      'POST /access/ticket',
      'POST /nodes/{node}/lxc',
      'GET /nodes/{node}/tasks/{upid}/status',
      'GET /nodes/{node}/tasks/{upid}/log',
      'PUT /nodes/{node}/lxc/{vmid}/config',
      'PUT /cluster/options',
      'PUT /nodes/{node}/lxc/{vmid}/resize',
      'POST /nodes/{node}/lxc/{vmid}/snapshot',
      'POST /nodes/{node}/lxc/{vmid}/snapshot/{snapname}/rollback',
      'DELETE /nodes/{node}/lxc/{vmid}/snapshot/{snapname}',
      'POST /nodes/{node}/lxc/{vmid}/status/start',
      'POST /nodes/{node}/lxc/{vmid}/status/stop',
      'POST /nodes/{node}/lxc/{vmid}/status/shutdown',
      'POST /nodes/{node}/lxc/{vmid}/status/reboot',
      'DELETE /nodes/{node}/lxc/{vmid}',
      'POST /nodes/{node}/aplinfo',
      'POST /nodes/{node}/vzdump',
      'DELETE /nodes/{node}/storage/{storage}/content/{volume}',
      'POST /nodes/{node}/lxc/{vmid}/termproxy',
      'GET /nodes/{node}/lxc/{vmid}/vncwebsocket',
    ]);
    expect(Object.keys(ROUTES).filter((r) => !tested.has(r))).toEqual([]);
  });
});

describe('paths pve-sim does not implement', () => {
  const unimplemented = schema.endpoints().filter((e) => !ROUTES[`${e.method} ${e.path}`]);

  it("answer 501 saying so, for every one of the schema's other endpoints", async () => {
    expect(unimplemented.length).toBeGreaterThan(300);
    const wrong: string[] = [];
    for (const e of unimplemented) {
      const path = e.path.replace(/\{[^}]+\}/g, 'zz-sim-param');
      const res = await api.request(e.method, path);
      if (
        res.status !== 501 ||
        res.body.message !== `pve-sim does not implement ${e.method} ${e.path}\n`
      ) {
        wrong.push(`${e.method} ${e.path} -> ${res.status} ${res.statusText}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answer 501 for a path that is not in the schema at all', async () => {
    const res = await api.get('/nodes/pve1/no-such-thing');
    expect(res.status).toBe(501);
    expect(res.statusText).toBe("Method 'GET /nodes/pve1/no-such-thing' not implemented");
  });
});
