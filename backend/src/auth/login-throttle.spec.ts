import { describe, expect, it } from 'vitest';
import { FREE_FAILURES, LoginThrottle, MAX_KEYS } from './login-throttle.js';

function throttleAt(start = 1_000_000) {
  const clock = { now: start };
  return { clock, throttle: new LoginThrottle(() => clock.now) };
}

describe('LoginThrottle', () => {
  it('lets the first failures through and then locks the pair for 1 s, 2 s, 4 s ...', () => {
    const { clock, throttle } = throttleAt();
    for (let i = 1; i < FREE_FAILURES.pair; i++) throttle.recordFailure('alice', '10.0.0.1');
    expect(throttle.retryAfterMs('alice', '10.0.0.1')).toBe(0);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      throttle.recordFailure('alice', '10.0.0.1');
      waits.push(throttle.retryAfterMs('alice', '10.0.0.1'));
      clock.now += waits[i];
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never locks for more than 15 minutes', () => {
    const { clock, throttle } = throttleAt();
    for (let i = 0; i < 40; i++) {
      throttle.recordFailure('alice', '10.0.0.1');
      clock.now += 1;
    }
    expect(throttle.retryAfterMs('alice', '10.0.0.1')).toBeLessThanOrEqual(15 * 60_000);
    expect(throttle.retryAfterMs('alice', '10.0.0.1')).toBeGreaterThan(14 * 60_000);
  });

  it('M-1: locks a username only on the address that failed, case-insensitively', () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < 50; i++) throttle.recordFailure('Admin', '10.0.0.66');
    expect(throttle.retryAfterMs('admin', '10.0.0.66')).toBeGreaterThan(0);
    expect(throttle.retryAfterMs('admin', '10.0.0.2'), 'another address is not locked').toBe(0);
    expect(throttle.begin('admin', '10.0.0.2')).toBe(0);
  });

  it('locks an address that tries many usernames, and only that address', () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < FREE_FAILURES.ip; i++) throttle.recordFailure(`user${i}`, '10.0.0.9');
    expect(throttle.retryAfterMs('someone-new', '10.0.0.9')).toBeGreaterThan(0);
    expect(throttle.retryAfterMs('someone-new', '10.0.0.8')).toBe(0);
  });

  it('M-2: counts an attempt when it begins, so parallel guesses stop at the limit', () => {
    const { throttle } = throttleAt();
    const started = Array.from({ length: 20 }, () => throttle.begin('alice', '10.0.0.1'));
    expect(started.filter((wait) => wait === 0)).toHaveLength(FREE_FAILURES.pair);
  });

  it('a success takes back its own count and forgets the pair', () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < FREE_FAILURES.pair - 1; i++) throttle.recordFailure('alice', '10.0.0.1');
    expect(throttle.begin('alice', '10.0.0.1')).toBe(0);
    throttle.succeeded('alice', '10.0.0.1');
    throttle.recordFailure('alice', '10.0.0.1');
    expect(throttle.retryAfterMs('alice', '10.0.0.1')).toBe(0);
    expect(throttle.list()).toEqual([
      { address: '10.0.0.1', failures: FREE_FAILURES.pair, lockedUntil: 0 },
      { username: 'alice', address: '10.0.0.1', failures: 1, lockedUntil: 0 },
    ]);
  });

  it('forgets stale records after an hour', () => {
    const { clock, throttle } = throttleAt();
    for (let i = 0; i < FREE_FAILURES.pair; i++) throttle.recordFailure('carol', '10.0.0.3');
    clock.now += 61 * 60_000;
    throttle.recordFailure('dave', '10.0.0.4');
    throttle.recordFailure('carol', '10.0.0.3');
    expect(throttle.retryAfterMs('carol', '10.0.0.3'), 'a fresh first failure').toBe(0);
  });

  it('M-2: when full, evicts the keys whose last failure is oldest, not everything', () => {
    const { clock, throttle } = throttleAt();
    for (let i = 0; i < FREE_FAILURES.pair; i++) throttle.recordFailure('victim', '10.0.0.1');
    for (let i = 0; i < MAX_KEYS / 2 - 1; i++) {
      clock.now += 1;
      throttle.recordFailure(`spray${i}`, `10.1.${i >> 8}.${i & 255}`);
    }
    clock.now += 1;
    throttle.recordFailure('victim', '10.0.0.1');
    for (let i = 0; i < 50; i++) throttle.recordFailure(`more${i}`, `10.2.0.${i}`);
    expect(throttle.retryAfterMs('victim', '10.0.0.1'), 'recently failed: kept').toBeGreaterThan(0);
    expect(throttle.list().length).toBeLessThanOrEqual(MAX_KEYS);
  });

  it('clears a username, an address or everything', () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < FREE_FAILURES.pair; i++) {
      throttle.recordFailure('alice', '10.0.0.1');
      throttle.recordFailure('alice', '10.0.0.2');
      throttle.recordFailure('bob', '10.0.0.1');
    }
    expect(throttle.clear({ username: 'ALICE' })).toBe(2);
    expect(throttle.retryAfterMs('alice', '10.0.0.2')).toBe(0);
    expect(throttle.retryAfterMs('bob', '10.0.0.1')).toBeGreaterThan(0);
    expect(throttle.clear({ address: '10.0.0.1' })).toBe(2);
    expect(throttle.retryAfterMs('bob', '10.0.0.1')).toBe(0);
    expect(throttle.clear({})).toBe(1);
    expect(throttle.list()).toEqual([]);
  });
});
