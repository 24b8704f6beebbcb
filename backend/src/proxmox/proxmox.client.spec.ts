import { describe, expect, it } from 'vitest';
import { proxmoxFailure, useFakePve } from './testing/client-harness.js';
import { pveFixture } from './testing/fake-pve-server.js';

const fake = useFakePve();
const UPID = 'UPID:pve-2:0000C346:165A0CE4:68D7279C:vzstart:101:console@pve!console:';

describe('retries', () => {
  it('retries a failing GET with backoff and counts every attempt', async () => {
    let calls = 0;
    fake.reply(() =>
      ++calls < 3 ? { status: 503, reason: 'Service Unavailable' } : { body: { data: 104 } },
    );
    await expect(fake.connect({ retries: 2 }).getNextId()).resolves.toBe(104);
    expect(fake.pve.requests.filter((r) => r.method === 'GET')).toHaveLength(3);
  });

  it('gives up after the configured number of GET retries', async () => {
    fake.reply(() => ({ status: 503, reason: 'Service Unavailable' }));
    const error = await proxmoxFailure(fake.connect({ retries: 2 }).getNodes());
    expect(error.code).toBe('upstream');
    expect(fake.pve.requests).toHaveLength(3);
  });

  it('never retries a write, even when it failed the same way', async () => {
    fake.reply(() => ({ status: 503, reason: 'Service Unavailable' }));
    await proxmoxFailure(fake.connect({ retries: 3 }).containerAction('pve', 101, 'start'));
    expect(fake.pve.requests).toHaveLength(1);
  });

  it('does not retry a GET that PVE refused for a reason that will not change', async () => {
    fake.reply(() => ({ status: 403, reason: 'Permission check failed (/, Sys.Audit)' }));
    await proxmoxFailure(fake.connect({ retries: 3 }).getPermissions());
    expect(fake.pve.requests).toHaveLength(1);
  });
});

describe('timeouts', () => {
  it('turns an answer slower than timeoutMs into a timeout error', async () => {
    fake.reply(() => ({ body: pveFixture('version-pve8.json'), delayMs: 1_500 }));
    const started = Date.now();
    const error = await proxmoxFailure(fake.connect({ timeoutMs: 100 }).getVersion());
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('request encoding', () => {
  it('sends the API token header and POST parameters form-encoded with booleans as 1/0', async () => {
    fake.reply(() => ({ body: { data: UPID } }));
    const upid = await fake.connect().createContainer('pve', {
      vmid: 101,
      ostemplate: 'local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst',
      unprivileged: true,
      start: false,
      net0: 'name=eth0,bridge=vmbr0,ip=dhcp',
      'ssh-public-keys': 'ssh-ed25519 AAAA me@host\nssh-rsa BBBB you@host',
    });
    const [request] = fake.pve.requests;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/api2/json/nodes/pve/lxc');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(request.body);
    expect(form.get('unprivileged')).toBe('1');
    expect(form.get('start')).toBe('0');
    expect(form.get('net0')).toBe('name=eth0,bridge=vmbr0,ip=dhcp');
    expect(form.get('ssh-public-keys')).toBe('ssh-ed25519 AAAA me@host\nssh-rsa BBBB you@host');
    expect(upid).toMatchObject({
      node: 'pve-2',
      type: 'vzstart',
      user: 'console@pve',
      tokenid: 'console',
    });
  });

  it('puts DELETE options in the query string, not a body', async () => {
    fake.reply(() => ({ body: { data: UPID } }));
    await fake
      .connect()
      .deleteContainer('pve', 101, { purge: true, destroyUnreferencedDisks: false });
    const [request] = fake.pve.requests;
    expect(request.method).toBe('DELETE');
    expect(request.url).toBe('/api2/json/nodes/pve/lxc/101?purge=1&destroy-unreferenced-disks=0');
    expect(request.body).toBe('');
  });

  it('URL-encodes the UPID and asks the node named inside it', async () => {
    fake.reply(() => ({ body: pveFixture('task-status-running-apitoken.json') }));
    await fake.connect().getTaskStatus(UPID);
    expect(fake.pve.requests[0].url).toBe(
      `/api2/json/nodes/pve-2/tasks/${encodeURIComponent(UPID)}/status`,
    );
    expect(fake.pve.requests[0].url).toContain('UPID%3Apve-2%3A');
  });

  it('refuses to send a malformed UPID anywhere', async () => {
    const error = await proxmoxFailure(fake.connect().getTaskStatus('UPID:../../etc'));
    expect(error.code).toBe('invalid');
    expect(fake.pve.requests).toHaveLength(0);
  });

  it('rejects a write answer that is not a UPID', async () => {
    fake.reply(() => ({ body: { data: null } }));
    expect((await proxmoxFailure(fake.connect().containerAction('pve', 1, 'reboot'))).code).toBe(
      'upstream',
    );
    expect(fake.pve.requests[0].path).toBe('/api2/json/nodes/pve/lxc/1/status/reboot');
  });
});

describe('reads', () => {
  it('splits cluster resources from ONE unfiltered request and keeps qemu guests as qemu', async () => {
    fake.reply(() => ({ body: pveFixture('cluster-resources.json') }));
    const resources = await fake.connect().getClusterResources();
    expect(fake.pve.requests.map((r) => r.url)).toEqual(['/api2/json/cluster/resources']);
    expect(resources.nodes.map((n) => n.node).sort()).toEqual(['node1', 'node2', 'node3', 'node4']);
    expect(resources.guests.find((g) => g.vmid === 100)).toMatchObject({
      type: 'qemu',
      status: 'running',
    });
    expect(resources.storages.length).toBeGreaterThan(0);
  });

  it('answers isVmidFree from the 400 errors.vmid PVE gives for a used id', async () => {
    fake.reply((req) =>
      req.query.get('vmid') === '200'
        ? {
            status: 400,
            reason: 'Parameter verification failed.',
            body: pveFixture('error-400-cluster-nextid-vmid-exists.json'),
          }
        : { body: { data: Number(req.query.get('vmid')) } },
    );
    const client = fake.connect();
    await expect(client.isVmidFree(200)).resolves.toBe(false);
    await expect(client.isVmidFree(201)).resolves.toBe(true);
    expect(fake.pve.requests[0].url).toBe('/api2/json/cluster/nextid?vmid=200');
  });

  it('reads nextid whether PVE sends a number or a string', async () => {
    fake.reply(() => ({ body: { data: '105' } }));
    await expect(fake.connect().getNextId()).resolves.toBe(105);
  });

  it('maps nodes with their SSL fingerprint', async () => {
    fake.reply(() => ({ body: pveFixture('nodes.json') }));
    const [first] = await fake.connect().getNodes();
    expect(first.sslFingerprint).toMatch(/^80:D4:F2/);
    expect(first.maxcpu).toBe(12);
  });

  it('reads the task log with its total and passes start/limit', async () => {
    fake.reply(() => ({
      body: {
        data: [
          { n: 1, t: 'starting' },
          { n: 2, t: 'TASK OK' },
        ],
        total: 2,
      },
    }));
    const log = await fake.connect().getTaskLog(UPID, 0, 50);
    expect(log).toEqual({
      lines: [
        { n: 1, t: 'starting' },
        { n: 2, t: 'TASK OK' },
      ],
      total: 2,
    });
    expect(fake.pve.requests[0].query.get('limit')).toBe('50');
  });

  it("reads PVE's placeholder for an empty log as no lines, not as line 1", async () => {
    fake.reply(() => ({ body: { data: [{ n: 1, t: 'no content' }], total: 1 } }));
    expect(await fake.connect().getTaskLog(UPID, 0, 50)).toEqual({ lines: [], total: 0 });
  });

  it('asks for RRD data with timeframe and cf and leaves missing sources out', async () => {
    fake.reply(() => ({
      body: { data: [{ time: 1700000000, cpu: 0.5, maxmem: '1024' }, { time: 1700000060 }] },
    }));
    const points = await fake.connect().getContainerRrd('pve', 101, 'hour', 'MAX');
    expect(points).toEqual([{ time: 1700000000, cpu: 0.5, maxmem: 1024 }, { time: 1700000060 }]);
    expect(fake.pve.requests[0].url).toBe(
      '/api2/json/nodes/pve/lxc/101/rrddata?timeframe=hour&cf=MAX',
    );
  });

  it('maps storages, their content, aplinfo and permissions', async () => {
    fake.reply((req) => {
      if (req.path.endsWith('/content')) {
        return {
          body: {
            data: [
              {
                volid: 'local:vztmpl/d.tar.zst',
                content: 'vztmpl',
                format: 'tzst',
                size: '123',
                ctime: 1,
              },
            ],
          },
        };
      }
      if (req.path.endsWith('/storage')) {
        return {
          body: {
            data: [
              {
                storage: 'local',
                type: 'dir',
                content: 'vztmpl,iso',
                active: 1,
                enabled: 1,
                shared: 0,
                total: 10,
                used: 4,
                avail: 6,
              },
            ],
          },
        };
      }
      if (req.path.endsWith('/aplinfo')) {
        return { body: pveFixture('aplinfo.json') };
      }
      return { body: { data: { '/vms': { 'VM.Audit': 1 } } } };
    });
    const client = fake.connect();
    const [storage] = await client.listStorages('pve', 'vztmpl');
    expect(storage).toMatchObject({
      node: 'pve',
      content: ['vztmpl', 'iso'],
      active: true,
      status: 'available',
    });
    const [item] = await client.listStorageContent('pve', 'local', 'vztmpl');
    expect(item).toEqual({
      volid: 'local:vztmpl/d.tar.zst',
      content: 'vztmpl',
      format: 'tzst',
      size: 123,
      ctime: 1,
    });
    const apl = await client.getAplInfo('pve');
    expect(apl[0]).toMatchObject({
      template: 'almalinux-10-default_20250930_amd64.tar.xz',
      os: 'almalinux',
    });
    await expect(client.getPermissions()).resolves.toEqual({ '/vms': { 'VM.Audit': 1 } });
    expect(fake.pve.requests[0].url).toBe('/api2/json/nodes/pve/storage?content=vztmpl');
  });
});

describe('waitForTask', () => {
  it('polls until the task is stopped and returns the final status', async () => {
    let polls = 0;
    fake.reply(() =>
      ++polls < 3
        ? {
            body: {
              data: {
                upid: UPID,
                node: 'pve-2',
                status: 'running',
                type: 'vzstart',
                user: 'console@pve',
                tokenid: 'console',
                starttime: 1,
              },
            },
          }
        : {
            body: {
              data: {
                upid: UPID,
                node: 'pve-2',
                status: 'stopped',
                exitstatus: 'OK',
                type: 'vzstart',
                user: 'console@pve',
                starttime: 1,
              },
            },
          },
    );
    const task = await fake.connect().waitForTask(UPID, { intervalMs: 10 });
    expect(task).toMatchObject({ status: 'stopped', exitstatus: 'OK' });
    expect(polls).toBe(3);
  });

  it('gives up with a timeout error while the task keeps running', async () => {
    fake.reply(() => ({ body: { data: { upid: UPID, status: 'running' } } }));
    const error = await proxmoxFailure(
      fake.connect().waitForTask(UPID, { intervalMs: 10, timeoutMs: 60 }),
    );
    expect(error.code).toBe('timeout');
  });

  it('stops polling when the signal aborts', async () => {
    fake.reply(() => ({ body: { data: { upid: UPID, status: 'running' } } }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user left')), 50);
    await expect(
      fake
        .connect()
        .waitForTask(UPID, { intervalMs: 10, timeoutMs: 5_000, signal: controller.signal }),
    ).rejects.toThrow('user left');
    const count = fake.pve.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.pve.requests.length).toBe(count);
  });
});
