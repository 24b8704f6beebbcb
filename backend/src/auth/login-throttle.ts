/** Failures allowed before a key is locked out. */
export const FREE_FAILURES = { user: 5, ip: 20 } as const;
const BASE_LOCK_MS = 1_000;
const MAX_LOCK_MS = 15 * 60_000;
/** A key with no failure for this long is forgotten. */
const FORGET_AFTER_MS = 60 * 60_000;
const MAX_KEYS = 10_000;

interface Attempts {
  failures: number;
  lockedUntil: number;
  lastFailure: number;
}

/**
 * Login backoff per username and per client address: after the free failures every further one
 * doubles the lock-out (1 s, 2 s, 4 s ... 15 min). Kept in memory: a restart forgives.
 */
export class LoginThrottle {
  private readonly attempts = new Map<string, Attempts>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until this username/address may try again; 0 when it may now. */
  retryAfterMs(username: string, ip: string): number {
    const now = this.now();
    const waits = this.keys(username, ip).map(
      (k) => (this.attempts.get(k)?.lockedUntil ?? 0) - now,
    );
    return Math.max(0, ...waits);
  }

  recordFailure(username: string, ip: string): void {
    const now = this.now();
    this.forgetStale(now);
    this.keys(username, ip).forEach((key, i) => {
      const free = i === 0 ? FREE_FAILURES.user : FREE_FAILURES.ip;
      const a = this.attempts.get(key) ?? { failures: 0, lockedUntil: 0, lastFailure: now };
      a.failures += 1;
      a.lastFailure = now;
      if (a.failures >= free) {
        a.lockedUntil = now + Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** (a.failures - free));
      }
      this.attempts.set(key, a);
    });
  }

  /** A successful login clears the username's record; the address keeps its history. */
  recordSuccess(username: string): void {
    this.attempts.delete(this.keys(username, '')[0]);
  }

  private keys(username: string, ip: string): [string, string] {
    return [`user:${username.toLowerCase()}`, `ip:${ip}`];
  }

  private forgetStale(now: number): void {
    for (const [key, a] of this.attempts) {
      if (now - a.lastFailure > FORGET_AFTER_MS || this.attempts.size > MAX_KEYS) {
        this.attempts.delete(key);
      }
    }
  }
}
