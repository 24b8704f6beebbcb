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
      await this.repo.remove(idHash);
      return null;
    }
    if (now - session.lastSeenAt >= TOUCH_EVERY_MS) await this.repo.touch(idHash, now);
    return session as Session & { user: User };
  }

  /**
   * The role of a live session whose lastSeenAt needs no update yet, or undefined for anything
   * else (unknown, expired, due for a touch): the caller then takes the path that goes through
   * resolve(), which does those writes. Never writes, so it can answer synchronously.
   */
  liveRoleWithoutWrite(cookie: string, now = Date.now()): Role | undefined {
    const found = this.repo.livenessOf(this.idHashOf(cookie));
    if (!found || this.expired(found, found.passwordChangedAt, now)) return undefined;
    return now - found.lastSeenAt < TOUCH_EVERY_MS ? found.role : undefined;
  }

  async destroy(idHash: string): Promise<void> {
    await this.repo.remove(idHash);
  }

  async destroyForUser(userId: number): Promise<void> {
    await this.repo.removeForUser(userId);
  }

  /** The stored id of a cookie; only the hash is remembered with it, never a session's state. */
  private idHashOf(cookie: string): string {
    let idHash = this.hashes.get(cookie);
    if (idHash === undefined) {
      if (this.hashes.size >= HASHES_KEPT) this.hashes.clear();
      idHash = keyedHash(this.secret, cookie);
      this.hashes.set(cookie, idHash);
    }
    return idHash;
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
