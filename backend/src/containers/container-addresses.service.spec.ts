import { Subject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CachedReadService } from '../cache/cached-read.service.js';
import type { ClusterStateService } from '../cache/cluster-state.service.js';
import type { ReachabilityService } from '../cache/reachability.service.js';
import type { ProxmoxClient } from '../proxmox/proxmox.client.js';
import type { ContainerConfig, PveGuest } from '../proxmox/proxmox.types.js';
import {
  ADDRESS_FAILED_RETRY_MS,
  ADDRESS_ON_DEMAND_MIN_AGE_MS,
  ADDRESS_REQUESTS_PER_TICK,
} from './address-schedule.js';
import { ContainerAddressesService } from './container-addresses.service.js';

function guest(vmid: number, over: Partial<PveGuest> = {}): PveGuest {
  return {
    vmid,
    type: 'lxc',
    node: 'pve1',
    name: `ct-${vmid}`,
    status: 'running',
    cpu: 0,
    maxcpu: 1,
    mem: 0,
    maxmem: 1,
    disk: 0,
    maxdisk: 1,
    netin: 0,
    netout: 0,
    diskread: 0,
    diskwrite: 0,
    uptime: 100,
    template: false,
    tags: [],
    ...over,
  };
}

function config(ip: string, protection = false): ContainerConfig {
  return {
    unprivileged: true,
    onboot: false,
    protection,
    tags: [],
    features: {},
    nets: [{ key: 'net0', options: { name: 'eth0', bridge: 'vmbr0', ip } }],
    raw: {},
  };
}

/** The service over fakes: a cluster of `guests`, configs by vmid, calls counted. */
function setup(guests: PveGuest[], ips: Record<number, string>) {
  const proxmox = {
    getContainerConfig: vi.fn((_node: string, vmid: number) =>
      Promise.resolve(config(ips[vmid] ?? 'dhcp')),
    ),
    getContainerInterfaces: vi.fn((_node: string, vmid: number) =>
      Promise.resolve([
        { name: 'eth0', hwaddr: 'bc:24:11:00:00:01', inet: `10.20.0.${vmid % 250}/16` },
      ]),
    ),
  };
  const cluster = {
    fresh$: new Subject(),
    snapshot: vi.fn(() =>
      Promise.resolve({
        resources: { nodes: [], guests, storages: [] },
        fetchedAt: Date.now(),
        stale: false,
        cache: 'HIT',
      }),
    ),
  };
  const cached = {
    keysStartingWith: () => Promise.resolve([]),
    peek: () => Promise.resolve(undefined),
    read: async <T>(_key: string, fetch: () => Promise<T>) => ({ value: await fetch() }),
  };
  const reachability = { isOffline: () => false, isNodeUnreachable: () => false };
  const service = new ContainerAddressesService(
    proxmox as unknown as ProxmoxClient,
    cluster as unknown as ClusterStateService,
    cached as unknown as CachedReadService,
    reachability as unknown as ReachabilityService,
  );
  const calls = () =>
    proxmox.getContainerConfig.mock.calls.length + proxmox.getContainerInterfaces.mock.calls.length;
  return { service, proxmox, calls };
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-01T12:00:00Z'), toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ContainerAddressesService', () => {
  it('spends at most the request budget per cycle, then reads the rest in later cycles', async () => {
    const guests = Array.from({ length: 40 }, (_, i) => guest(100 + i));
    const ips = Object.fromEntries(guests.map((g) => [g.vmid, `10.0.0.${g.vmid - 99}/24`]));
    const { service, calls } = setup(guests, ips);
    await service.onModuleInit();
    await service.runCycle();
    expect(calls()).toBe(ADDRESS_REQUESTS_PER_TICK / 2); // static addresses: config only
    let cycles = 1;
    while (guests.some((g) => !service.addressOf(g).ipv4)) {
      const before = calls();
      await service.runCycle();
      expect(calls() - before).toBeLessThanOrEqual(ADDRESS_REQUESTS_PER_TICK);
      cycles += 1;
    }
    expect(cycles).toBe(Math.ceil(40 / (ADDRESS_REQUESTS_PER_TICK / 2)));
    expect(service.addressOf(guests[0])).toMatchObject({ ipv4: '10.0.0.1', protection: false });
  });

  it('reads a DHCP address from the interfaces of a running CT only', async () => {
    const running = guest(101);
    const stopped = guest(102, { status: 'stopped', uptime: 0 });
    const { service, proxmox } = setup([running, stopped], {});
    await service.runCycle();
    expect(proxmox.getContainerInterfaces).toHaveBeenCalledTimes(1);
    expect(service.addressOf(running).ipv4).toBe('10.20.0.101');
    expect(service.addressOf(stopped)).toMatchObject({ protection: false });
    expect(service.addressOf(stopped).ipv4).toBeUndefined();
  });

  it('does not ask again for a container whose read failed until the retry delay passed', async () => {
    const g = guest(101);
    const { service, proxmox } = setup([g], {});
    proxmox.getContainerConfig.mockRejectedValueOnce(new Error('500 boom'));
    await service.runCycle();
    await service.runCycle();
    await service.observeDetail(g, config('dhcp'));
    expect(proxmox.getContainerConfig).toHaveBeenCalledTimes(1);
    expect(proxmox.getContainerInterfaces).not.toHaveBeenCalled();
    vi.setSystemTime(Date.now() + ADDRESS_FAILED_RETRY_MS);
    await service.runCycle();
    expect(service.addressOf(g).ipv4).toBe('10.20.0.101');
  });

  it('reads the interfaces for a polling page at most once a minute, a static address never', async () => {
    const dhcp = guest(101);
    const fixed = guest(102);
    const { service, proxmox, calls } = setup([dhcp, fixed], {});
    for (let i = 0; i < 5; i++) {
      await service.observeDetail(dhcp, config('dhcp'));
      await service.observeDetail(fixed, config('10.0.0.2/24', true));
    }
    expect(calls()).toBe(1);
    expect(service.addressOf(fixed)).toMatchObject({ ipv4: '10.0.0.2', protection: true });
    vi.setSystemTime(Date.now() + ADDRESS_ON_DEMAND_MIN_AGE_MS);
    await service.observeDetail(dhcp, config('dhcp'));
    expect(proxmox.getContainerInterfaces).toHaveBeenCalledTimes(2);
  });
});
