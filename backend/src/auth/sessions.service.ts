import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { User } from '../users/entities/user.entity.js';
import type { Role } from '../users/roles.js';
import { keyedHash, randomSecret } from './auth-crypto.js';
import type { Session } from './entities/session.entity.js';
import { SESSION_SECRET } from './session-secret.js';
import { SessionsRepository } from './sessions.repository.js';

/** lastSeenAt is written at most this often, so reads do not each cost a database write. */
const TOUCH_EVERY_MS = 15_000;
/** Cookie hashes remembered (an HMAC per request is a measurable share of a cached read). */
const HASHES_KEPT = 1_000;

export interface NewSession {
  /** the cookie value; only its hash is stored */
  cookie: string;
  csrfToken: string;
  session: Session;
}

/** Browser sessions kept in SQLite, ended by idle and absolute timeouts and by password changes. */
@Injectable()
export class SessionsService {
  private readonly idleMs: number;
  private readonly maxMs: number;
  private readonly hashes = new Map<string, string>();

  constructor(
    private readonly repo: SessionsRepository,
    @Inject(SESSION_SECRET) private readonly secret: string,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.idleMs = config.auth.sessionIdleMin * 60_000;
    this.maxMs = config.auth.sessionMaxHours * 3_600_000;
  }

  /** How long the cookie may live, in milliseconds. */
  get maxAgeMs(): number {
    return this.maxMs;
  }

  async create(userId: number, now = Date.now()): Promise<NewSession> {
    await this.repo.removeExpired(now - this.idleMs, now - this.maxMs);
    const cookie = randomSecret();
    const csrfToken = randomSecret();
    const session: Session = {
      idHash: keyedHash(this.secret, cookie),
      userId,
      createdAt: now,
      lastSeenAt: now,
      csrfToken,
    };
    await this.repo.insert(session);
    return { cookie, csrfToken, session };
  }

  /** The live session and its user for a cookie value; ends the session if it has expired. */
  async resolve(cookie: string, now = Date.now()): Promise<(Session & { user: User }) | null> {
    const idHash = this.idHashOf(cookie);
    const session = await this.repo.withUser(idHash);
    if (!session?.user) return null;
    if (this.expired(session, session.user.passwordChangedAt, now)) {
      await this.destroy(idHash);
      return null;
    }
    this.remember(cookie, idHash);
    if (now - session.lastSeenAt >= TOUCH_EVERY_MS) await this.repo.touch(idHash, now);
    return session as Session & { user: User };
  }

  /**
   * The role of a live session whose lastSeenAt needs no update yet, or undefined for anything
   * else (unknown, expired, due for a touch): the caller then takes the path that goes through
   * resolve(), which does those writes. Never writes, so it can answer synchronously.
   */
  liveRoleWithoutWrite(cookie: string, now = Date.now()): Role | undefined {
    const idHash = this.idHashOf(cookie);
    const found = this.repo.livenessOf(idHash);
    if (!found || this.expired(found, found.passwordChangedAt, now)) return undefined;
    if (now - found.lastSeenAt >= TOUCH_EVERY_MS) return undefined;
    this.remember(cookie, idHash);
    return found.role;
  }

  async destroy(idHash: string): Promise<void> {
    for (const [cookie, hash] of this.hashes) if (hash === idHash) this.hashes.delete(cookie);
    await this.repo.remove(idHash);
  }

  async destroyForUser(userId: number): Promise<void> {
    this.hashes.clear();
    await this.repo.removeForUser(userId);
  }

  /** The stored id of a cookie: HMAC-SHA256, or the remembered one of a live session. */
  private idHashOf(cookie: string): string {
    return this.hashes.get(cookie) ?? keyedHash(this.secret, cookie);
  }

  /**
   * Only cookies of live sessions are remembered (a forged cookie never stays in memory), the
   * oldest goes first when full, and ending a session forgets its cookie.
   */
  private remember(cookie: string, idHash: string): void {
    if (this.hashes.has(cookie)) return;
    if (this.hashes.size >= HASHES_KEPT) this.hashes.delete(this.hashes.keys().next().value!);
    this.hashes.set(cookie, idHash);
  }

  private expired(
    session: Pick<Session, 'createdAt' | 'lastSeenAt'>,
    passwordChangedAt: number,
    now: number,
  ): boolean {
    return (
      now - session.lastSeenAt > this.idleMs ||
      now - session.createdAt > this.maxMs ||
      session.createdAt < passwordChangedAt
    );
  }
}
