import type { MessageEvent } from '@nestjs/common';
import { BehaviorSubject, Subject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClusterStateService } from '../cache/cluster-state.service.js';
import type { ReachabilityService } from '../cache/reachability.service.js';
import type { ContainerAddressesService } from '../containers/container-addresses.service.js';
import type { ClusterResources, PveGuest } from '../proxmox/proxmox.types.js';
import type { StatusService } from '../status/status.service.js';
import { ClusterEvents, COALESCE_MS, USAGE_EVERY_MS, USAGE_ROUNDS } from './cluster-events.js';
import type { ContainersEventDto, LiveEventType } from './dto/live-event.dto.js';
import type { EventsService } from './events.service.js';

const guest = (vmid: number, status: 'running' | 'stopped', cpu = 0.1): PveGuest => ({
  vmid,
  type: 'lxc',
  node: 'pve1',
  name: `ct-${vmid}`,
  status,
  cpu,
  maxcpu: 2,
  mem: 1e8,
  maxmem: 5e8,
  disk: 1e9,
  maxdisk: 8e9,
  netin: cpu * 1e6,
  netout: 0,
  diskread: 0,
  diskwrite: 0,
  uptime: status === 'running' ? Math.round(cpu * 1e4) : 0,
  template: false,
  tags: [],
});

const resources = (...guests: PveGuest[]): ClusterResources => ({
  nodes: [
    {
      node: 'pve1',
      status: 'online',
      cpu: guests.length / 100,
      maxcpu: 8,
      mem: 1,
      maxmem: 2,
      disk: 1,
      maxdisk: 2,
      uptime: 1,
    },
  ],
  guests,
  storages: [],
});

function setup() {
  const fresh = new Subject<ClusterResources>();
  const published: { type: LiveEventType; data: unknown; at: number }[] = [];
  let opening: () => MessageEvent[] = () => [];
  const events = {
    addOpening: (o: () => MessageEvent[]) => (opening = o),
    publish: (type: LiveEventType, data: unknown) => published.push({ type, data, at: Date.now() }),
    published$: new Subject(),
    openStreams$: new BehaviorSubject(0),
  };
  const cluster = { fresh$: fresh, snapshot: vi.fn(() => Promise.resolve()), refresh: vi.fn() };
  const reachability = { changes$: new Subject(), isOffline: () => false };
  const status = { getConnectionStatus: () => ({ state: 'online' }) };
  const addresses = { changes$: new Subject(), addressOf: () => ({}) };
  const service = new ClusterEvents(
    events as unknown as EventsService,
    cluster as unknown as ClusterStateService,
    reachability as unknown as ReachabilityService,
    status as unknown as StatusService,
    addresses as unknown as ContainerAddressesService,
  );
  service.onModuleInit();
  const containers = () =>
    published.filter((p) => p.type === 'containers') as unknown as {
      data: ContainersEventDto;
      at: number;
    }[];
  return { service, fresh, published, containers, opening: () => opening() };
}

describe('ClusterEvents', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    vi.useFakeTimers();
    t = setup();
  });
  afterEach(() => {
    t.service.onModuleDestroy();
    vi.useRealTimers();
  });

  it('sends the first list whole, and a state change after a quiet second at once', () => {
    t.fresh.next(resources(guest(101, 'running'), guest(102, 'stopped')));
    expect(t.containers()[0].data).toMatchObject({ full: true, removed: [] });
    expect(t.containers()[0].data.changed).toHaveLength(2);
    vi.advanceTimersByTime(COALESCE_MS);
    t.fresh.next(resources(guest(101, 'running'), guest(102, 'running')));
    expect(t.containers()).toHaveLength(2);
    expect(t.containers()[1].data.changed.map((c) => [c.vmid, c.status])).toEqual([
      [102, 'running'],
    ]);
    expect(t.published.filter((p) => p.type === 'nodes')).toHaveLength(2);
  });

  it('sends a burst of changes within a second as one event, with the newest list', () => {
    t.fresh.next(resources(guest(101, 'stopped'), guest(102, 'stopped')));
    vi.advanceTimersByTime(100);
    t.fresh.next(resources(guest(101, 'running'), guest(102, 'stopped')));
    vi.advanceTimersByTime(300);
    t.fresh.next(resources(guest(101, 'running'), guest(102, 'running')));
    expect(t.containers(), 'held until a second after the last event').toHaveLength(1);
    vi.advanceTimersByTime(COALESCE_MS - 400);
    expect(t.containers()).toHaveLength(2);
    const event = t.containers()[1];
    expect(event.at - t.containers()[0].at).toBe(COALESCE_MS);
    expect(event.data.changed.map((c) => c.vmid)).toEqual([101, 102]);
    vi.advanceTimersByTime(10 * COALESCE_MS);
    expect(t.containers(), 'nothing more to send').toHaveLength(2);
  });

  it('sends usage only every USAGE_EVERY_MS, for the rows whose usage moved', () => {
    t.fresh.next(resources(guest(101, 'running', 0.1), guest(102, 'stopped')));
    for (let s = 1; s < USAGE_EVERY_MS / 1000; s++) {
      vi.advanceTimersByTime(1000);
      t.fresh.next(resources(guest(101, 'running', 0.1 + s / 100), guest(102, 'stopped')));
    }
    expect(t.containers(), 'usage moved every second, nothing was sent').toHaveLength(1);
    vi.advanceTimersByTime(1000);
    t.fresh.next(resources(guest(101, 'running', 0.5), guest(102, 'stopped')));
    expect(t.containers()).toHaveLength(2);
    const usage = t.containers()[1];
    expect(usage.at - t.containers()[0].at).toBe(USAGE_EVERY_MS);
    expect(usage.data).toMatchObject({ full: false, removed: [] });
    expect(usage.data.changed).toEqual([expect.objectContaining({ vmid: 101, cpu: 0.5 })]);
  });

  it("sends a small move of usage in its row's round, so no row is older than the rounds", () => {
    const list = (cpu: number) =>
      resources(...[101, 102, 103, 104, 105, 106].map((v) => guest(v, 'running', cpu)));
    t.fresh.next(list(0.1));
    const sentRows: number[][] = [];
    for (let round = 0; round < USAGE_ROUNDS; round++) {
      vi.advanceTimersByTime(USAGE_EVERY_MS);
      t.fresh.next(list(0.1 + (round + 1) / 1000)); // under a percent each round
      sentRows.push(
        t
          .containers()
          .at(-1)!
          .data.changed.map((c) => c.vmid),
      );
    }
    expect(
      sentRows.every((rows) => rows.length === 1),
      'one row a round',
    ).toBe(true);
    expect(sentRows.flat().sort()).toEqual([101, 102, 103, 104, 105, 106]);
  });

  it('gives a new stream the list the others hold, serialized once until the next event', () => {
    t.fresh.next(resources(guest(101, 'running', 0.1)));
    vi.advanceTimersByTime(2000);
    t.fresh.next(resources(guest(101, 'running', 0.9)));
    const first = t.opening().find((e) => e.type === 'containers')!;
    const second = t.opening().find((e) => e.type === 'containers')!;
    expect(second, 'the same event object, not serialized again').toBe(first);
    const list = JSON.parse(first.data as string) as ContainersEventDto;
    expect(list.full).toBe(true);
    expect(list.changed[0].cpu, 'the usage the other streams were sent').toBe(0.1);
    vi.advanceTimersByTime(USAGE_EVERY_MS);
    t.fresh.next(resources(guest(101, 'running', 0.9)));
    const after = t.opening().find((e) => e.type === 'containers')!;
    expect((JSON.parse(after.data as string) as ContainersEventDto).changed[0].cpu).toBe(0.9);
  });
});
