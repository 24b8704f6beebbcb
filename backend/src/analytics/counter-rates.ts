import { RATE_METRICS } from './entities/analytics-tables.js';

export type RateMetric = (typeof RATE_METRICS)[number];
export type Counters = Record<RateMetric, number>;
export type Rates = Record<RateMetric, number | null>;

/** What the collector remembers of a guest between two cycles. */
export interface CounterReading {
  counters: Counters;
  /** seconds since the guest started, as PVE reports it */
  uptime: number;
  /** epoch seconds the reading was taken (console clock) */
  at: number;
  /** the last rates computed, reused while PVE has not published new counters */
  rates?: Rates;
}

const NO_RATES: Rates = { netin: null, netout: null, diskread: null, diskwrite: null };

/**
 * Per-second rates from PVE's cumulative byte counters. The elapsed time is PVE's own uptime
 * delta: counters and uptime are published together by pvestatd every 10 s, so dividing by it
 * never mixes the console's polling jitter into the rate. A counter that went down, or an uptime
 * that went back, means the guest restarted: the rate is unknown for that cycle, not negative.
 */
export function computeRates(prev: CounterReading | undefined, next: CounterReading): Rates {
  if (!prev || next.uptime < prev.uptime) return { ...NO_RATES };
  const samePublication = next.uptime > 0 && next.uptime === prev.uptime;
  if (samePublication) return { ...(prev.rates ?? NO_RATES) };
  // a stopped guest reports uptime 0 on both sides: its counters are 0, time is the console's
  const elapsed = next.uptime > 0 ? next.uptime - prev.uptime : next.at - prev.at;
  if (elapsed <= 0) return { ...NO_RATES };
  const rates = { ...NO_RATES };
  for (const m of RATE_METRICS) {
    const delta = next.counters[m] - prev.counters[m];
    rates[m] = delta < 0 ? null : delta / elapsed;
  }
  return rates;
}
