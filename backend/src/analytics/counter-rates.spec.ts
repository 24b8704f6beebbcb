import { describe, expect, it } from 'vitest';
import { type CounterReading, computeRates } from './counter-rates.js';

function reading(uptime: number, bytes: number, at = 1_000 + uptime): CounterReading {
  return {
    uptime,
    at,
    counters: { netin: bytes, netout: bytes * 2, diskread: bytes * 3, diskwrite: bytes * 4 },
  };
}

describe('computeRates', () => {
  it('has no rate for a guest seen for the first time', () => {
    expect(computeRates(undefined, reading(100, 5_000))).toEqual({
      netin: null,
      netout: null,
      diskread: null,
      diskwrite: null,
    });
  });

  it('divides the counter growth by the uptime PVE reports, not by the polling clock', () => {
    const rates = computeRates(reading(100, 1_000, 5_000), reading(110, 6_000, 5_031));
    expect(rates).toEqual({ netin: 500, netout: 1_000, diskread: 1_500, diskwrite: 2_000 });
  });

  it('treats an uptime that went back as a restart: unknown, never negative', () => {
    const rates = computeRates(reading(5_000, 9_000_000), reading(20, 4_000));
    expect(Object.values(rates)).toEqual([null, null, null, null]);
  });

  it('drops only the counter that went down when the uptime still grew', () => {
    const prev = reading(100, 1_000);
    const next = reading(110, 2_000);
    next.counters.netout = 10;
    const rates = computeRates(prev, next);
    expect(rates.netout).toBeNull();
    expect(rates.netin).toBe(100);
  });

  it('repeats the last rates while pvestatd has not published new counters', () => {
    const prev = {
      ...reading(110, 2_000),
      rates: { netin: 7, netout: 8, diskread: 9, diskwrite: 1 },
    };
    expect(computeRates(prev, reading(110, 2_000, prev.at + 5))).toEqual(prev.rates);
  });

  it('reports zero for a stopped guest whose counters stay at zero', () => {
    const rates = computeRates(reading(0, 0, 1_000), reading(0, 0, 1_030));
    expect(rates).toEqual({ netin: 0, netout: 0, diskread: 0, diskwrite: 0 });
  });

  it('resumes normal rates on the cycle after a restart', () => {
    const afterRestart = reading(20, 4_000);
    expect(computeRates(afterRestart, reading(30, 5_000)).netin).toBe(100);
  });
});
