import { describe, expect, it } from 'vitest';
import { FREE_FAILURES, LoginThrottle } from './login-throttle.js';

function throttleAt(start = 1_000_000) {
  const clock = { now: start };
  return { clock, throttle: new LoginThrottle(() => clock.now) };
}

describe('LoginThrottle', () => {
  it('lets the first failures through and then locks the username for 1 s, 2 s, 4 s ...', () => {
    const { clock, throttle } = throttleAt();
    for (let i = 1; i < FREE_FAILURES.user; i++) throttle.recordFailure('alice', '10.0.0.1');
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

  it('treats usernames case-insensitively and other users independently', () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < FREE_FAILURES.user; i++) throttle.recordFailure('Alice', '10.0.0.1');
    expect(throttle.retryAfterMs('alice', '10.0.0.2')).toBeGreaterThan(0);
    expect(throttle.retryAfterMs('bob', '10.0.0.2')).toBe(0);
  });

  it('locks an address that tries many usernames', () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < FREE_FAILURES.ip; i++) throttle.recordFailure(`user${i}`, '10.0.0.9');
    expect(throttle.retryAfterMs('someone-new', '10.0.0.9')).toBeGreaterThan(0);
    expect(throttle.retryAfterMs('someone-new', '10.0.0.8')).toBe(0);
  });

  it('forgets a username after a success and stale records after an hour', () => {
    const { clock, throttle } = throttleAt();
    for (let i = 0; i < FREE_FAILURES.user - 1; i++) throttle.recordFailure('alice', '10.0.0.1');
    throttle.recordSuccess('alice');
    throttle.recordFailure('alice', '10.0.0.1');
    expect(throttle.retryAfterMs('alice', '10.0.0.1')).toBe(0);
    for (let i = 0; i < FREE_FAILURES.user; i++) throttle.recordFailure('carol', '10.0.0.3');
    clock.now += 61 * 60_000;
    throttle.recordFailure('dave', '10.0.0.4');
    throttle.recordFailure('carol', '10.0.0.3');
    expect(throttle.retryAfterMs('carol', '10.0.0.3'), 'a fresh first failure').toBe(0);
  });
});
