import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { type Observable, Subject } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { Role } from '../users/roles.js';
import { keyedHash, randomSecret } from './auth-crypto.js';
import type { Session } from './entities/session.entity.js';
import { type IndexedSession, SessionIndex } from './session-index.js';
import { SESSION_SECRET } from './session-secret.js';
import { SessionsRepository } from './sessions.repository.js';

/** lastSeenAt is written at most this often, so reads do not each cost a database write. */
const TOUCH_EVERY_MS = 15_000;
/** Cookie hashes remembered (an HMAC per request is a measurable share of a cached read). */
const HASHES_KEPT = 1_000;
/** How often the database is asked whether another process changed it (PRAGMA data_version). */
export const OUTSIDE_CHANGES_CHECK_MS = 1_000;

/**
 * A change that does not end a session but should end whatever holds on to the old credential
 * (an open event stream): the user's role changed, or an API token was revoked.
 */
export type CredentialChange =
  | { kind: 'role-changed'; userId: number }
  | { kind: 'token-revoked'; tokenId: number };

export interface NewSession {
  /** the cookie value; only its hash is stored */
  cookie: string;
  csrfToken: string;
  session: Session;
}

/**
 * Browser sessions kept in SQLite, ended by idle and absolute timeouts, logout, password changes
 * and account deletion. Requests are checked against an in-memory index (no database read per
 * request); every change made through this service (and the user changes UsersService reports
 * here) updates the index before it returns, so it applies to the very next request. Changes
 * made by another process (another console instance, a maintenance script) reach the index
 * within OUTSIDE_CHANGES_CHECK_MS: SQLite's data_version tells when another connection wrote.
 */
@Injectable()
export class SessionsService implements OnModuleDestroy {
  private readonly logger = new Logger(SessionsService.name);
  private readonly idleMs: number;
  private readonly maxMs: number;
  private readonly hashes = new Map<string, string>();
  private readonly index = new SessionIndex();
  private readonly ended = new Subject<string>();
  private readonly credentialChanges = new Subject<CredentialChange>();
  private dataVersion?: number;

  constructor(
    private readonly repo: SessionsRepository,
    @Inject(SESSION_SECRET) private readonly secret: string,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.idleMs = config.auth.sessionIdleMin * 60_000;
    this.maxMs = config.auth.sessionMaxHours * 3_600_000;
  }

  onModuleDestroy(): void {
    this.ended.complete();
    this.credentialChanges.complete();
  }

  /** How long the cookie may live, in milliseconds. */
  get maxAgeMs(): number {
    return this.maxMs;
  }

  /** The cookie hash of every session as it ends (logout, password change, deletion, expiry). */
  get ended$(): Observable<string> {
    return this.ended.asObservable();
  }

  /** Role changes and token revocations, as they happen (see CredentialChange). */
  get credentialChanges$(): Observable<CredentialChange> {
    return this.credentialChanges.asObservable();
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
  async resolve(cookie: string, now = Date.now()): Promise<Readonly<IndexedSession> | null> {
    const idHash = this.idHashOf(cookie);
    const session = this.index.get(idHash) ?? (await this.load(idHash));
    if (!session) return null;
    if (this.expired(session, now)) {
      await this.destroy(idHash);
      return null;
    }
    this.remember(cookie, idHash);
    if (now - session.lastSeenAt >= TOUCH_EVERY_MS) {
      session.lastSeenAt = now;
      await this.repo.touch(idHash, now);
    }
    return session;
  }

  /**
   * Whether the session of that hash is still live; if so, it counts as activity (written at most
   * every TOUCH_EVERY_MS), as the polling of an open page once did: an open event stream keeps
   * its tab signed in until the absolute timeout.
   */
  async keepAlive(idHash: string, now = Date.now()): Promise<boolean> {
    const session = this.index.get(idHash);
    if (!session || this.expired(session, now)) return false;
    if (now - session.lastSeenAt >= TOUCH_EVERY_MS) {
      session.lastSeenAt = now;
      await this.repo.touch(idHash, now);
    }
    return true;
  }

  /** Whether the session of that hash is still live, without counting as activity. */
  isLive(idHash: string, now = Date.now()): boolean {
    const session = this.index.get(idHash);
    return !!session && !this.expired(session, now);
  }

  async destroy(idHash: string): Promise<void> {
    await this.repo.remove(idHash);
    this.index.drop(idHash);
    for (const [cookie, hash] of this.hashes) if (hash === idHash) this.hashes.delete(cookie);
    this.ended.next(idHash);
  }

  async destroyForUser(userId: number): Promise<void> {
    await this.repo.removeForUser(userId);
    this.endIndexed(this.index.dropUser(userId));
  }

  /** A user's role changed: their sessions carry the new role from the next request on. */
  roleChanged(userId: number, role: Role): void {
    this.index.setRole(userId, role);
    this.credentialChanges.next({ kind: 'role-changed', userId });
  }

  /** An API token was revoked: what it holds open (an event stream) ends. */
  tokenRevoked(tokenId: number): void {
    this.credentialChanges.next({ kind: 'token-revoked', tokenId });
  }

  /** A user was deleted (the database removed their sessions with them). */
  userRemoved(userId: number): void {
    this.endIndexed(this.index.dropUser(userId));
  }

  /** Re-reads every indexed session when another process wrote to the database. */
  @Interval('sessions-outside-changes', OUTSIDE_CHANGES_CHECK_MS)
  async checkOutsideChanges(): Promise<void> {
    try {
      const version = await this.repo.dataVersion();
      const changed = this.dataVersion !== undefined && version !== this.dataVersion;
      this.dataVersion = version;
      if (changed) await this.reloadIndex();
    } catch (error) {
      this.logger.warn(`checking for session changes failed: ${(error as Error).message}`);
    }
  }

  /** Empties the index and reads its sessions again; those gone or expired have ended. */
  async reloadIndex(now = Date.now()): Promise<void> {
    const held = this.index.clear();
    this.hashes.clear();
    for (const { idHash } of held) {
      const session = await this.load(idHash);
      if (!session || this.expired(session, now)) this.ended.next(idHash);
    }
  }

  private async load(idHash: string): Promise<IndexedSession | undefined> {
    const generation = this.index.generation;
    const row = await this.repo.withUser(idHash);
    if (!row?.user) return undefined;
    const { user } = row;
    const session: IndexedSession = {
      idHash: row.idHash,
      userId: row.userId,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      csrfToken: row.csrfToken,
      user: {
        id: user.id,
        username: user.username,
        role: user.role,
        passwordChangedAt: user.passwordChangedAt,
      },
    };
    // a logout or role change while this read ran must win over what the read found
    if (!this.index.add(session, generation)) return this.index.get(idHash) ?? this.load(idHash);
    return session;
  }

  private endIndexed(sessions: IndexedSession[]): void {
    this.hashes.clear();
    for (const { idHash } of sessions) this.ended.next(idHash);
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

  private expired(session: IndexedSession, now: number): boolean {
    return (
      now - session.lastSeenAt > this.idleMs ||
      now - session.createdAt > this.maxMs ||
      session.createdAt < session.user.passwordChangedAt
    );
  }
}
