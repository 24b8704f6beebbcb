import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CacheRepository } from './cache.repository.js';
import { WriteBehind } from './write-behind.js';

let puts: [string, unknown][];
let writer: WriteBehind;

beforeEach(() => {
  vi.useFakeTimers();
  puts = [];
  const store = {
    put: (key: string, value: unknown) => {
      puts.push([key, value]);
      return Promise.resolve();
    },
  } as unknown as CacheRepository;
  writer = new WriteBehind(store, 1_000, () => undefined);
});
afterEach(() => vi.useRealTimers());

describe('WriteBehind', () => {
  it('writes a key at once, then at most once per period, always its newest value', async () => {
    writer.write('a', 1, 0);
    await vi.advanceTimersByTimeAsync(0);
    writer.write('a', 2, 0);
    writer.write('a', 3, 0);
    writer.write('b', 'x', 0);
    await vi.advanceTimersByTimeAsync(10);
    expect(puts).toEqual([
      ['a', 1],
      ['b', 'x'],
    ]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(puts.at(-1)).toEqual(['a', 3]);
    expect(puts).toHaveLength(3);
  });

  it('writes what is pending on flush, without waiting for the period', async () => {
    writer.write('a', 1, 0);
    await vi.advanceTimersByTimeAsync(0);
    writer.write('a', 2, 0);
    await writer.flush();
    expect(puts).toEqual([
      ['a', 1],
      ['a', 2],
    ]);
  });
});
