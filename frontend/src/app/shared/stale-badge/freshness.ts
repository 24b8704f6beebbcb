import { formatAge } from '../format/format';

export type FreshnessState = 'live' | 'stale' | 'unknown';

export interface Freshness {
  readonly state: FreshnessState;
  readonly text: string;
}

/**
 * Describes how old a value is. `stale` overrides the age check when the server already knows
 * its data is old (for example Proxmox was unreachable and the value came from cache).
 */
export function describeFreshness(
  fetchedAtMs: number | null,
  nowMs: number,
  staleAfterMs: number,
  stale = false,
): Freshness {
  if (fetchedAtMs === null) return { state: 'unknown', text: 'age unknown' };
  const age = Math.max(nowMs - fetchedAtMs, 0);
  const text = formatAge(age);
  if (stale || age > staleAfterMs) {
    return { state: 'stale', text: age < 5000 ? 'stale data' : `stale · ${text}` };
  }
  return { state: 'live', text: `updated ${text}` };
}
