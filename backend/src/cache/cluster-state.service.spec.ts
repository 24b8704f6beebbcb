import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProxmoxClient } from '../proxmox/proxmox.client.js';
import { ProxmoxError } from '../proxmox/proxmox.errors.js';
import type { ClusterResources } from '../proxmox/proxmox.types.js';
import type { CacheRepository, StoredValue } from './cache.repository.js';
import { CachedReadService } from './cached-read.service.js';
import {
  CLUSTER_CACHE_KEY,
  ClusterStateService,
  PERSIST_EVERY_MS,
  READ_DEADLINE_MS,
} from './cluster-state.service.js';
import { ReachabilityService } from './reachability.service.js';

const resources = (n: number): ClusterResources =>
  ({
    nodes: [{ node: 'pve1', status: 'online' }],
    guests: [{ vmid: n }],
    storages: [],
  }) as unknown as ClusterResources;

class MemoryStore {
  rows = new Map<string, StoredValue<unknown>>();
  puts = 0;
  get<T>(key: string): Promise<StoredValue<T> | undefined> {
    return Promise.resolve(this.rows.get(key) as StoredValue<T> | undefined);
  }
  put(key: string, value: unknown, fetchedAt: number): Promise<void> {
    this.puts++;
    this.rows.set(key, { value: JSON.parse(JSON.stringify(value)) as unknown, fetchedAt });
    return Promise.resolve();
  }
}

let answer: () => Promise<ClusterResources>;
let store: MemoryStore;
let reach: ReachabilityService;
let cluster: ClusterStateService;

beforeEach(() => {
  vi.useFakeTimers();
  store = new MemoryStore();
  reach = new ReachabilityService();
  // like the real client, which reports the outcome of every call to the reachability tracker
  const getClusterResources = () =>
    answer().catch((error: unknown) => {
      reach.learn({ error });
      throw error;
    });
  const proxmox = { getClusterResources } as unknown as ProxmoxClient;
  cluster = new ClusterStateService(proxmox, reach, store as unknown as CacheRepository);
});
afterEach(() => vi.useRealTimers());

describe('ClusterStateService', () => {
  it('does not take an answer asked for before an invalidate() as current', async () => {
    let release: (r: ClusterResources) => void = () => undefined;
    answer = () => new Promise((resolve) => (release = resolve));
    const inFlight = cluster.refresh();
    cluster.invalidate(); // a task changed the cluster while the read was on its way
    release(resources(1));
    await inFlight;
    expect(cluster.current(), 'the next read must ask Proxmox again').toBeUndefined();
    answer = () => Promise.resolve(resources(2));
    expect((await cluster.snapshot()).resources.guests[0].vmid).toBe(2);
    expect(cluster.current()?.resources.guests[0].vmid).toBe(2);
  });

  it('answers the last known state, stale, when Proxmox fails', async () => {
    answer = () => Promise.resolve(resources(1));
    expect((await cluster.snapshot()).cache).toBe('MISS');
    expect((await cluster.snapshot()).cache).toBe('HIT');
    answer = () => Promise.reject(new ProxmoxError('unreachable', 'ECONNREFUSED'));
    cluster.invalidate();
    const stale = await cluster.snapshot();
    expect(stale).toMatchObject({ stale: true, cache: 'STALE' });
    expect(stale.resources.guests[0].vmid).toBe(1);
    expect(reach.isOffline()).toBe(true);
  });

  it('gives jobs a fresh state or the error, never the stale fallback', async () => {
    answer = () => Promise.resolve(resources(1));
    expect((await cluster.freshSnapshot()).cache).toBe('MISS');
    expect((await cluster.freshSnapshot()).cache).toBe('HIT');
    cluster.invalidate();
    answer = () => Promise.reject(new ProxmoxError('unreachable', 'ECONNREFUSED'));
    await expect(cluster.freshSnapshot()).rejects.toMatchObject({ code: 'unreachable' });
    expect((await cluster.snapshot()).stale, 'readers still get the last known state').toBe(true);
  });

  it('gives a job a new answer when the recent one is the one it recorded last', async () => {
    answer = () => Promise.resolve(resources(1));
    const recorded = await cluster.freshSnapshot();
    expect((await cluster.freshSnapshot(undefined, recorded.fetchedAt - 1)).cache).toBe('HIT');
    vi.advanceTimersByTime(1);
    answer = () => Promise.resolve(resources(2));
    const next = await cluster.freshSnapshot(undefined, recorded.fetchedAt);
    expect(next.cache).toBe('MISS');
    expect(next.resources.guests[0].vmid).toBe(2);
  });

  it('passes the error on when there is nothing cached', async () => {
    answer = () => Promise.reject(new ProxmoxError('auth', '401'));
    await expect(cluster.snapshot()).rejects.toMatchObject({ code: 'auth' });
  });

  it('answers stale at the read deadline while a slow refresh goes on, then takes its answer', async () => {
    answer = () => Promise.resolve(resources(1));
    await cluster.snapshot();
    let release!: (r: ClusterResources) => void;
    answer = () => new Promise((r) => (release = r));
    cluster.invalidate();
    const read = cluster.snapshot();
    await vi.advanceTimersByTimeAsync(READ_DEADLINE_MS);
    expect(await read).toMatchObject({ stale: true, cache: 'STALE' });
    expect(reach.isOffline(), 'slow is not offline').toBe(false);
    release(resources(2));
    await vi.advanceTimersByTimeAsync(0);
    expect((await cluster.snapshot()).resources.guests[0].vmid).toBe(2);
  });

  it('writes the state to SQLite at once, then at most once per period, newest state last', async () => {
    let n = 0;
    answer = () => Promise.resolve(resources(++n));
    await cluster.snapshot(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.puts).toBe(1);
    for (let i = 0; i < 10; i++) {
      await cluster.snapshot(0);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(store.puts).toBe(1);
    await vi.advanceTimersByTimeAsync(PERSIST_EVERY_MS);
    expect(store.puts).toBe(2);
    const row = store.rows.get(CLUSTER_CACHE_KEY) as StoredValue<ClusterResources>;
    expect(row.value.guests[0].vmid).toBe(n);
  });

  it('starts from the state on disk, stale, after a restart', async () => {
    store.rows.set(CLUSTER_CACHE_KEY, { value: resources(7), fetchedAt: 1_000 });
    await cluster.onModuleInit();
    expect(reach.current().lastContact).toBe(1_000);
    answer = () => Promise.reject(new ProxmoxError('unreachable', 'ECONNREFUSED'));
    expect(await cluster.snapshot()).toMatchObject({ stale: true, fetchedAt: 1_000 });
  });
});

describe('CachedReadService', () => {
  it('falls back to the last good answer, and from disk when memory has none', async () => {
    const cached = new CachedReadService(store as unknown as CacheRepository, reach);
    expect(await cached.read('k', () => Promise.resolve('v1'))).toMatchObject({
      value: 'v1',
      stale: false,
    });
    const failing = () => Promise.reject(new ProxmoxError('upstream', '500', { status: 500 }));
    expect(await cached.read('k', failing)).toMatchObject({
      value: 'v1',
      stale: true,
      cache: 'STALE',
    });
    store.rows.set('other', { value: 'from disk', fetchedAt: 5 });
    expect(await cached.read('other', failing)).toMatchObject({ value: 'from disk', fetchedAt: 5 });
    await expect(cached.read('none', failing)).rejects.toMatchObject({ code: 'upstream' });
  });

  it('does not hide a 403 behind the cache', async () => {
    const cached = new CachedReadService(store as unknown as CacheRepository, reach);
    await cached.read('k', () => Promise.resolve('v1'));
    const denied = () => Promise.reject(new ProxmoxError('permission', 'denied'));
    await expect(cached.read('k', denied)).rejects.toMatchObject({ code: 'permission' });
  });
});
