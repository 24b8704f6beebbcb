import type { CacheRepository, StoredValue } from './cache.repository.js';

/**
 * Throttled writes of the last good answers to SQLite: a key's first answer is written at once,
 * later ones at most once per period, and always the newest (a trailing write). Reads never wait
 * for it; a crash loses at most one period of updates, never a committed row.
 */
export class WriteBehind {
  private readonly pending = new Map<string, StoredValue<unknown>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly writtenAt = new Map<string, number>();

  constructor(
    private readonly store: CacheRepository,
    private readonly everyMs: number,
    private readonly warn: (message: string) => void,
  ) {}

  write(key: string, value: unknown, fetchedAt: number): void {
    this.pending.set(key, { value, fetchedAt });
    if (this.timers.has(key)) return;
    const wait = Math.max(0, (this.writtenAt.get(key) ?? 0) + this.everyMs - Date.now());
    const timer = setTimeout(() => void this.writeNow(key), wait);
    timer.unref();
    this.timers.set(key, timer);
  }

  /** Drops a pending write, so a key deleted from the store is not written back. */
  cancel(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.pending.delete(key);
  }

  /** Writes everything still pending (on shutdown). */
  async flush(): Promise<void> {
    const keys = [...this.timers.keys()];
    for (const key of keys) clearTimeout(this.timers.get(key));
    await Promise.all(keys.map((key) => this.writeNow(key)));
  }

  private async writeNow(key: string): Promise<void> {
    this.timers.delete(key);
    const entry = this.pending.get(key);
    if (!entry) return;
    this.pending.delete(key);
    this.writtenAt.set(key, Date.now());
    try {
      await this.store.put(key, entry.value, entry.fetchedAt);
    } catch (error) {
      this.warn(`cache entry ${key} not persisted: ${(error as Error).message}`);
    }
  }
}
