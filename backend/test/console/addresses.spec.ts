import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS_REQUESTS_PER_TICK } from '../../src/containers/address-schedule.js';
import { ContainerAddressesService } from '../../src/containers/container-addresses.service.js';
import { startConsole, type ConsoleHarness } from '../support/console-harness.js';

let h: ConsoleHarness;
let addresses: ContainerAddressesService;

beforeAll(async () => {
  h = await startConsole();
  addresses = h.app.get(ContainerAddressesService);
});
afterAll(async () => {
  await h?.stop();
});

const PER_CT = /\/lxc\/(\d+)\/(config|interfaces)$/;

/** The per-container reads (config, interfaces) pve-sim received since `from`. */
function perContainerReads(from: number): string[] {
  return h.sim.requests
    .slice(from)
    .filter((r) => r.method === 'GET' && PER_CT.test(r.path))
    .map((r) => r.path.replace(/^.*\/lxc\//, ''));
}

/** Runs one address cycle and returns the per-container reads it made. */
async function cycle(): Promise<string[]> {
  const before = h.sim.requests.length;
  await addresses.runCycle();
  return perContainerReads(before);
}

async function listed(vmid: number): Promise<Record<string, unknown>> {
  const res = await h.get('/api/containers');
  expect(res.status).toBe(200);
  return res.body.items.find((c: { vmid: number }) => c.vmid === vmid);
}

describe('container addresses and protection (pve-sim over HTTPS)', () => {
  it('reads them in bounded cycles, never per container per list read, until all are known', async () => {
    const before = h.sim.requests.length;
    for (let i = 0; i < 5; i++) await h.get('/api/containers');
    expect(perContainerReads(before), 'a list read asks Proxmox nothing per container').toEqual([]);

    const all: string[] = [];
    let cycles = 0;
    for (let reads = await cycle(); reads.length; reads = await cycle()) {
      expect(reads.length).toBeLessThanOrEqual(ADDRESS_REQUESTS_PER_TICK);
      all.push(...reads);
      cycles += 1;
      expect(cycles, 'the cycles come to rest').toBeLessThan(10);
    }
    // 12 containers (a template among them), 8 running ones cost 2 each: more than one cycle
    expect(cycles).toBeGreaterThan(1);
    const read = [...new Set(all.map((r) => r.split('/')[0]))].sort();
    expect(read).toEqual([
      '101',
      '102',
      '103',
      '104',
      '105',
      '106',
      '107',
      '108',
      '109',
      '110',
      '111',
      '112',
    ]);
    // each was read once, and every default CT has a static address: no interfaces read needed
    expect(all).toHaveLength(12);
    expect(all.every((r) => r.endsWith('/config'))).toBe(true);
  });

  it('shows the static IPv4 of a running container from its config, none for a stopped one', async () => {
    const web = await listed(101);
    expect(web).toMatchObject({ ipv4: '10.10.0.101', protection: false });
    expect(Date.parse(String(web.addressReadAt))).toBeGreaterThan(Date.now() - 60_000);
    const stopped = await listed(108);
    expect(stopped.ipv4).toBeUndefined();
    expect(stopped.protection).toBe(false);
    const detail = await h.get('/api/containers/101');
    expect(detail.body).toMatchObject({ ipv4: '10.10.0.101', protection: false });
  });

  it('shows protection set through the console in the list at once', async () => {
    const res = await h.patch('/api/containers/103', { protection: true });
    expect(res.status, res.text).toBe(200);
    expect(await listed(103)).toMatchObject({ protection: true, ipv4: '10.10.0.103' });
    await h.patch('/api/containers/103', { protection: false });
    expect((await listed(103)).protection).toBe(false);
  });

  it('learns a DHCP address from the interfaces of a container once it started', async () => {
    const change = await h.patch('/api/containers/108', {
      networks: [{ key: 'net0', ip: 'dhcp', delete: ['gateway'] }],
    });
    expect(change.status, change.text).toBe(200);
    expect(change.body.config.networks[0].ip).toBe('dhcp');
    const start = await h.post('/api/containers/108/start');
    expect(start.status, start.text).toBe(202);
    expect((await h.waitForTask(start.body.upid)).exitstatus).toBe('OK');
    await expect
      .poll(async () => (await listed(108)).status, { timeout: 20_000, interval: 300 })
      .toBe('running');

    const reads = await cycle();
    // started comes before anything merely due: 108 is read first, config then interfaces
    expect(reads.slice(0, 2)).toEqual(['108/config', '108/interfaces']);
    // pve-sim's DHCP server hands CT 108 10.20.0.110 (lxc-interfaces.ts dhcpAddress)
    expect((await listed(108)).ipv4).toBe('10.20.0.110');
  });

  it('reads the interfaces of a DHCP container at most once a minute while its page polls', async () => {
    const before = h.sim.requests.length;
    for (let i = 0; i < 3; i++) {
      const detail = await h.get('/api/containers/108');
      expect(detail.body.ipv4).toBe('10.20.0.110');
    }
    const interfaces = perContainerReads(before).filter((r) => r.endsWith('interfaces'));
    expect(interfaces.length).toBeLessThanOrEqual(1);
  });

  it('asks nothing per container while nothing changed', async () => {
    expect(await cycle()).toEqual([]);
  });

  it('keeps the last known addresses, marked stale with the list, while Proxmox is down', async () => {
    await h.sim.faults.setDown(true);
    try {
      await expect
        .poll(async () => (await h.get('/api/containers')).body.stale, { timeout: 10_000 })
        .toBe(true);
      expect(await cycle(), 'a cycle while offline asks nothing').toEqual([]);
      const list = (await h.get('/api/containers')).body;
      expect(list.stale).toBe(true);
      expect(list.items.find((c: { vmid: number }) => c.vmid === 101).ipv4).toBe('10.10.0.101');
    } finally {
      await h.sim.faults.setDown(false);
    }
  });
});
