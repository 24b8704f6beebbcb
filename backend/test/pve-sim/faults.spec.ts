import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PveSimHandle } from '../../pve-sim/src/index.js';
import { SimClient, startTestSim } from './sim-client.js';

let sim: PveSimHandle;
let api: SimClient;

beforeAll(async () => ({ sim, api } = await startTestSim({ controlPort: 0 })));
afterAll(async () => {
  await api.close();
  await sim.stop();
});

async function control(
  path: string,
  body: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const res = await fetch(`${sim.controlUrl}${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe('fault injection', () => {
  it('refuses connections while down and serves again on the same port', async () => {
    await sim.faults.setDown(true);
    const fresh = new SimClient(sim);
    const err = await fresh.get('/version').then(
      () => undefined,
      (e: Error & { cause?: { code?: string } }) => e,
    );
    expect(err?.cause?.code).toBe('ECONNREFUSED');
    await fresh.close();
    await sim.faults.setDown(false);
    expect((await api.get('/version')).status).toBe(200);
  });

  it('adds latency to every request', async () => {
    sim.faults.setLatency(150);
    const started = Date.now();
    await api.get('/version');
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    sim.faults.setLatency(0);
  });

  it('fails the given fraction of requests with 500', async () => {
    sim.faults.setErrorRate(1);
    const res = await api.get('/version');
    expect(res.status).toBe(500);
    sim.faults.setErrorRate(0.5);
    const statuses = await Promise.all(
      Array.from({ length: 40 }, () => api.get('/version').then((r) => r.status)),
    );
    const failed = statuses.filter((s) => s === 500).length;
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(35);
    sim.faults.setErrorRate(0);
  });

  it('takes a node offline: 595 on calls proxied to it, offline in lists, guests unknown', async () => {
    sim.faults.setNodeOffline('pve2', true);
    const proxied = await api.get('/nodes/pve2/lxc');
    expect(proxied.status).toBe(595);
    expect(proxied.statusText).toBe('Connection refused');
    expect((await api.get('/nodes/pve1/lxc')).status).toBe(200);
    const nodes = (await api.get('/nodes')).body.data as { node: string; status: string }[];
    expect(nodes.find((n) => n.node === 'pve2')?.status).toBe('offline');
    const vms = (await api.get('/cluster/resources', { type: 'vm' })).body.data as {
      node: string;
      status: string;
    }[];
    expect(vms.filter((v) => v.node === 'pve2').every((v) => v.status === 'unknown')).toBe(true);
    const status = (await api.get('/cluster/status')).body.data as {
      name: string;
      online?: number;
    }[];
    expect(status.find((s) => s.name === 'pve2')?.online).toBe(0);
    sim.faults.setNodeOffline('pve2', false);
    expect((await api.get('/nodes/pve2/lxc')).status).toBe(200);
  });

  it("answers an offline node's calls only after pveproxy's proxy timeout", async () => {
    sim.faults.setProxyTimeout(300);
    sim.faults.setNodeOffline('pve2', true);
    const started = Date.now();
    const proxied = await api.get('/nodes/pve2/lxc');
    expect(proxied.status).toBe(595);
    expect(proxied.statusText).toBe('Connection timed out');
    expect(Date.now() - started, 'not before the proxy timeout').toBeGreaterThanOrEqual(290);
    sim.faults.setNodeOffline('pve2', false);
    sim.faults.setProxyTimeout(0);
  });

  it('hangs a node: online in the cluster view, its calls answer 596 after the timeout', async () => {
    sim.faults.setProxyTimeout(200);
    sim.faults.setNodeHung('pve3', true);
    const started = Date.now();
    const proxied = await api.get('/nodes/pve3/storage');
    expect(proxied.status).toBe(596);
    expect(proxied.statusText).toBe('Connection timed out');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    const nodes = (await api.get('/cluster/resources', { type: 'node' })).body.data as {
      node: string;
      status: string;
    }[];
    expect(nodes.find((n) => n.node === 'pve3')?.status).toBe('online');
    expect((await api.get('/nodes/pve1/storage')).status).toBe(200);
    sim.faults.setNodeHung('pve3', false);
    sim.faults.setProxyTimeout(0);
    expect((await api.get('/nodes/pve3/storage')).status).toBe(200);
  });

  it('rotates the certificate: old pins fail, /nodes shows the new fingerprint', async () => {
    const old = sim.fingerprint;
    const oldCa = sim.certificate;
    const next = await sim.faults.rotateCertificate();
    expect(next).not.toBe(old);
    expect(next).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const pinnedOld = new SimClient(sim, undefined, oldCa);
    await expect(pinnedOld.get('/version')).rejects.toThrow();
    await pinnedOld.close();
    const pinnedNew = new SimClient(sim);
    const nodes = (await pinnedNew.get('/nodes')).body.data as { ssl_fingerprint: string }[];
    expect(nodes[0].ssl_fingerprint).toBe(next);
    await pinnedNew.close();
  });

  it('exposes the same faults through the loopback control API', async () => {
    expect(sim.controlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The previous test rotated the certificate: pin the current one.
    const api = new SimClient(sim);
    await control('/faults/node-offline', { node: 'pve3', offline: true });
    expect((await api.get('/nodes/pve3/lxc')).status).toBe(595);
    await control('/faults/node-hung', { node: 'pve1', hung: true });
    await control('/faults/proxy-timeout', { ms: 5 });
    const state = await control('/faults/error-rate', { rate: 1 });
    expect(state).toMatchObject({
      errorRate: 1,
      offlineNodes: ['pve3'],
      hungNodes: ['pve1'],
      proxyTimeoutMs: 5,
    });
    await control('/faults/reset');
    expect((await api.get('/nodes/pve3/lxc')).status).toBe(200);
    const rotated = await control('/faults/rotate-certificate');
    expect(rotated.fingerprint).toBe(sim.fingerprint);
    await api.close();
  });
});

describe('pveproxy timeout default', () => {
  it("waits PVE's 30 s for an unreachable node unless told otherwise", async () => {
    const { sim: plain, api: client } = await startTestSim({
      controlPort: 0,
      proxyTimeoutMs: undefined,
    });
    const res = await fetch(`${plain.controlUrl}/faults`);
    expect(await res.json()).toMatchObject({ proxyTimeoutMs: 30_000, hungNodes: [] });
    await client.close();
    await plain.stop();
  });
});
