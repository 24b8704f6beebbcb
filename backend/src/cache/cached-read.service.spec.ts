import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProxmoxError } from '../proxmox/proxmox.errors.js';
import type { CacheRepository, StoredValue } from './cache.repository.js';
import { CachedReadService } from './cached-read.service.js';
import { ReachabilityService } from './reachability.service.js';

class MemoryStore {
  rows = new Map<string, StoredValue<unknown>>();
  get<T>(key: string): Promise<StoredValue<T> | undefined> {
    return Promise.resolve(this.rows.get(key) as StoredValue<T> | undefined);
  }
  put(key: string, value: unknown, fetchedAt: number): Promise<void> {
    this.rows.set(key, { value, fetchedAt });
    return Promise.resolve();
  }
  keysStartingWith(prefix: string): Promise<string[]> {
    return Promise.resolve([...this.rows.keys()].filter((k) => k.startsWith(prefix)));
  }
  delete(keys: string[]): Promise<void> {
    for (const key of keys) this.rows.delete(key);
    return Promise.resolve();
  }
}

interface Task {
  status: 'running' | 'stopped';
}

const unreachable = () => new ProxmoxError('unreachable', 'connect ECONNREFUSED');

let store: MemoryStore;
let reach: ReachabilityService;
let cached: CachedReadService;

beforeEach(() => {
  vi.useFakeTimers();
  store = new MemoryStore();
  reach = new ReachabilityService();
  cached = new CachedReadService(store as unknown as CacheRepository, reach);
});
afterEach(() => vi.useRealTimers());

describe('CachedReadService: final answers', () => {
  const final = (t: Task) => t.status === 'stopped';

  it('serves a final answer without asking Proxmox again, fresh, with its first fetch time', async () => {
    const first = await cached.read<Task>('t', () => Promise.resolve({ status: 'stopped' }), {
      final,
    });
    vi.advanceTimersByTime(60_000);
    const fetch = vi.fn(() => Promise.resolve<Task>({ status: 'running' }));
    const again = await cached.read('t', fetch, { final });
    expect(fetch).not.toHaveBeenCalled();
    expect(again).toMatchObject({ value: { status: 'stopped' }, stale: false, cache: 'HIT' });
    expect(again.fetchedAt).toBe(first.fetchedAt);
  });

  it('serves a final answer from disk after a restart, even while Proxmox is away', async () => {
    store.rows.set('t', { value: { status: 'stopped' }, fetchedAt: 42 });
    reach.recordFailure(unreachable());
    const read = await cached.read<Task>('t', () => Promise.reject(unreachable()), { final });
    expect(read).toMatchObject({ stale: false, fetchedAt: 42, cache: 'HIT' });
  });

  it('asks again for an answer that is not final, and serves it stale when Proxmox fails', async () => {
    await cached.read<Task>('t', () => Promise.resolve({ status: 'running' }), { final });
    const fetch = vi.fn(() => Promise.reject<Task>(unreachable()));
    const read = await cached.read('t', fetch, { final });
    expect(fetch).toHaveBeenCalledOnce();
    expect(read).toMatchObject({ value: { status: 'running' }, stale: true, cache: 'STALE' });
  });
});

describe('CachedReadService while Proxmox is offline', () => {
  it('answers a read with nothing cached with the offline reason, without asking Proxmox', async () => {
    reach.recordFailure(new ProxmoxError('tls', 'mismatch', { reason: 'fingerprint-mismatch' }));
    const fetch = vi.fn(() => Promise.resolve('v'));
    await expect(cached.read('none', fetch)).rejects.toMatchObject({
      code: 'tls',
      details: { reason: 'fingerprint-mismatch' },
      message: expect.stringMatching(/offline since .*nothing is cached/) as string,
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('asks Proxmox again once it is back', async () => {
    reach.recordFailure(unreachable());
    reach.recordSuccess();
    expect(await cached.read('k', () => Promise.resolve('v'))).toMatchObject({ value: 'v' });
  });
});

describe('CachedReadService.forget', () => {
  it('drops an entry from memory, SQLite and the pending writes', async () => {
    await cached.read('ct/101', () => Promise.resolve('a'));
    await cached.read('ct/102', () => Promise.resolve('b'));
    await vi.advanceTimersByTimeAsync(0);
    await cached.read('ct/101', () => Promise.resolve('a2'));
    expect((await cached.keysStartingWith('ct/')).sort()).toEqual(['ct/101', 'ct/102']);
    await cached.forget(['ct/101']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(store.rows.has('ct/101'), 'the pending write of a2 was not written back').toBe(false);
    expect(await cached.keysStartingWith('ct/')).toEqual(['ct/102']);
    await expect(cached.lastKnown('ct/101')).resolves.toBeUndefined();
  });
});
