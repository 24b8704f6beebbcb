import { describe, expect, it } from 'vitest';
import type { CallOutcome } from './proxmox.client.js';
import { proxmoxFailure, useFakePve } from './testing/client-harness.js';
import { pveFixture } from './testing/fake-pve-server.js';

const fake = useFakePve();

describe('calls pveproxy forwards to one node', () => {
  it('never retries a 59x: pveproxy already waited for that node', async () => {
    fake.reply(() => ({ status: 596, reason: 'Connection timed out' }));
    const error = await proxmoxFailure(fake.connect({ retries: 2 }).listStorages('pve2'));
    expect(error).toMatchObject({ code: 'unreachable', details: { status: 596, node: 'pve2' } });
    expect(fake.pve.requests).toHaveLength(1);
  });

  it('waits longer for a node call than for a cluster-wide one (pveproxy: 30 s)', async () => {
    fake.reply(() => ({ body: { data: [] }, delayMs: 400 }));
    const client = fake.connect({ timeoutMs: 150, nodeTimeoutMs: 2_000 });
    await expect(client.listStorages('pve1')).resolves.toEqual([]);
    const cluster = await proxmoxFailure(client.getNodes());
    expect(cluster.code).toBe('timeout');
  });

  it('names the node on a timeout of a node call and does not retry it', async () => {
    fake.reply(() => ({ body: { data: [] }, delayMs: 1_000 }));
    const client = fake.connect({ retries: 2, timeoutMs: 100, nodeTimeoutMs: 150 });
    const error = await proxmoxFailure(client.listStorages('pve3'));
    expect(error).toMatchObject({ code: 'timeout', details: { node: 'pve3' } });
    expect(fake.pve.requests).toHaveLength(1);
  });

  it('still retries a GET when the API endpoint itself failed (503)', async () => {
    let calls = 0;
    fake.reply(() => (++calls < 2 ? { status: 503 } : { body: { data: [] } }));
    await expect(fake.connect({ retries: 2 }).listStorages('pve1')).resolves.toEqual([]);
    expect(calls).toBe(2);
  });
});

describe('call observers', () => {
  it('sees the end result of every call, with the node it named', async () => {
    const client = fake.connect();
    const seen: CallOutcome[] = [];
    const stop = client.observeCalls((o) => seen.push(o));
    fake.reply((req) =>
      req.path.endsWith('/aplinfo')
        ? { status: 595, reason: 'Connection refused' }
        : { body: { data: req.path.endsWith('nextid') ? '104' : pveFixture('version-pve8.json') } },
    );
    await client.getNextId();
    await proxmoxFailure(client.getAplInfo('pve2'));
    await client.getVersion();
    stop();
    await client.getVersion();
    expect(seen.map((o) => [o.method, o.path, o.node, o.error === undefined])).toEqual([
      ['GET', '/cluster/nextid', undefined, true],
      ['GET', '/nodes/pve2/aplinfo', 'pve2', false],
      ['GET', '/version', undefined, true],
    ]);
  });
});
