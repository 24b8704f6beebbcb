export interface CounterSample {
  /** Epoch milliseconds when the counters were read. */
  readonly at: number;
  readonly netin: number;
  readonly netout: number;
  readonly diskread: number;
  readonly diskwrite: number;
}

export interface Rates {
  readonly netin: number;
  readonly netout: number;
  readonly diskread: number;
  readonly diskwrite: number;
}

/**
 * Bytes per second between two counter readings. Proxmox counters restart from zero when the
 * container restarts; a counter that went down yields null instead of a huge negative rate.
 */
export function counterRates(prev: CounterSample | null, next: CounterSample): Rates | null {
  if (!prev) return null;
  const seconds = (next.at - prev.at) / 1000;
  if (seconds <= 0) return null;
  const keys = ['netin', 'netout', 'diskread', 'diskwrite'] as const;
  if (keys.some((k) => next[k] < prev[k])) return null;
  return {
    netin: (next.netin - prev.netin) / seconds,
    netout: (next.netout - prev.netout) / seconds,
    diskread: (next.diskread - prev.diskread) / seconds,
    diskwrite: (next.diskwrite - prev.diskwrite) / seconds,
  };
}
