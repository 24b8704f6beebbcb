/** Failures allowed before a key is locked out: per (username, address) pair, per address. */
export const FREE_FAILURES = { pair: 5, ip: 20 } as const;
const BASE_LOCK_MS = 1_000;
const MAX_LOCK_MS = 15 * 60_000;
/** A key with no failure for this long is forgotten. */
const FORGET_AFTER_MS = 60 * 60_000;
export const MAX_KEYS = 10_000;

interface Attempts {
  failures: number;
  lockedUntil: number;
  lastFailure: number;
}

/** One lock-out as admins see it (GET /api/auth/lockouts). */
export interface Lockout {
  /** absent for an address-wide lock */
  username?: string;
  address: string;
  failures: number;
  /** epoch ms; 0 while the key is still within its free failures */
  lockedUntil: number;
}

/**
 * Sign-in backoff per (username, address) and per address: after the free failures every further
 * one doubles the lock-out (1 s, 2 s, 4 s ... 15 min).
 *
 * A lock never reaches beyond the address that failed, so nobody can lock `admin` out from
 * elsewhere by guessing wrong on purpose. An attempt counts as a failure when it starts
 * (`begin`), before the slow password check, so parallel guesses cannot slip past the limit; a
 * success (`succeeded`) takes it back. Kept in memory: a restart forgives.
 */
export class LoginThrottle {
  /** insertion order = order of last failure (a failure re-inserts), so the oldest come first */
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

  /**
   * Starts an attempt: 0 when it may go on (and it is then counted as a failure until
   * `succeeded`), else the milliseconds to wait (nothing is counted).
   */
  begin(username: string, ip: string): number {
    const wait = this.retryAfterMs(username, ip);
    if (wait === 0) this.recordFailure(username, ip);
    return wait;
  }

  /** Takes back the failure `begin` counted, and forgets the pair's earlier failures. */
  succeeded(username: string, ip: string): void {
    const [pair, address] = this.keys(username, ip);
    this.attempts.delete(pair);
    const a = this.attempts.get(address);
    if (a && --a.failures <= 0) this.attempts.delete(address);
  }

  recordFailure(username: string, ip: string): void {
    const now = this.now();
    this.forgetStale(now);
    this.keys(username, ip).forEach((key, i) => {
      const free = i === 0 ? FREE_FAILURES.pair : FREE_FAILURES.ip;
      const a = this.attempts.get(key) ?? { failures: 0, lockedUntil: 0, lastFailure: now };
      a.failures += 1;
      a.lastFailure = now;
      if (a.failures >= free) {
        a.lockedUntil = now + Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** (a.failures - free));
      }
      this.attempts.delete(key);
      this.attempts.set(key, a);
    });
    // full: the keys whose last failure is oldest go first
    while (this.attempts.size > MAX_KEYS) this.attempts.delete(this.attempts.keys().next().value!);
  }

  /** Every remembered key with failures, newest failure first. */
  list(): Lockout[] {
    this.forgetStale(this.now());
    return [...this.attempts].reverse().map(([key, a]) => ({
      ...parseKey(key),
      failures: a.failures,
      lockedUntil: a.lockedUntil,
    }));
  }

  /**
   * Forgets the failures of a username (on every address), of an address (its own lock and
   * every pair on it), or of one pair. Returns how many keys were forgotten.
   */
  clear(filter: { username?: string; address?: string }): number {
    const username = filter.username?.toLowerCase();
    let cleared = 0;
    for (const key of [...this.attempts.keys()]) {
      const k = parseKey(key);
      const userOk = username === undefined || k.username === username;
      const addressOk = filter.address === undefined || k.address === filter.address;
      const addressWide = k.username === undefined && username === undefined;
      if (userOk && addressOk && (k.username !== undefined || addressWide)) {
        this.attempts.delete(key);
        cleared++;
      }
    }
    return cleared;
  }

  private keys(username: string, ip: string): [string, string] {
    return [`pair\u0000${ip}\u0000${username.toLowerCase()}`, `ip\u0000${ip}`];
  }

  private forgetStale(now: number): void {
    for (const [key, a] of this.attempts) {
      if (now - a.lastFailure <= FORGET_AFTER_MS) break;
      this.attempts.delete(key);
    }
  }
}

function parseKey(key: string): { username?: string; address: string } {
  const [kind, address, username] = key.split('\u0000');
  return kind === 'pair' ? { username, address } : { address };
}
