import { AsyncLocalStorage } from 'node:async_hooks';

export type CacheStatus = 'HIT' | 'MISS' | 'STALE';

/** What the reads of one HTTP request found in the cache, for X-Cache-Status / X-Data-Age. */
export interface ReadNotes {
  status?: CacheStatus;
  /** epoch ms of the oldest data the answer was built from */
  oldest?: number;
}

const storage = new AsyncLocalStorage<ReadNotes>();

// A mixed answer is as old as its oldest part: STALE wins over HIT, HIT over MISS.
const RANK: Record<CacheStatus, number> = { MISS: 0, HIT: 1, STALE: 2 };

export function runWithReadNotes<T>(notes: ReadNotes, work: () => T): T {
  return storage.run(notes, work);
}

/** Called by every cached read; a no-op outside an HTTP request (jobs, scripts). */
export function noteRead(status: CacheStatus, fetchedAt: number): void {
  const notes = storage.getStore();
  if (!notes) return;
  if (!notes.status || RANK[status] > RANK[notes.status]) notes.status = status;
  notes.oldest = Math.min(notes.oldest ?? fetchedAt, fetchedAt);
}
