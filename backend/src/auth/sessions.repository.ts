import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type Database from 'better-sqlite3';
import { LessThan, type Repository } from 'typeorm';
import type { Role } from '../users/roles.js';
import { Session } from './entities/session.entity.js';

/** What deciding whether a session is live needs, read without building entities. */
export interface SessionLiveness {
  createdAt: number;
  lastSeenAt: number;
  role: Role;
  passwordChangedAt: number;
}

const LIVENESS_SQL = `SELECT s."createdAt", s."lastSeenAt", u."role", u."passwordChangedAt"
  FROM "session" s JOIN "user" u ON u."id" = s."userId" WHERE s."idHash" = ?`;

/** Database access for browser sessions. */
@Injectable()
export class SessionsRepository {
  private liveness?: Database.Statement<[string], SessionLiveness>;

  constructor(@InjectRepository(Session) private readonly repo: Repository<Session>) {}

  async insert(session: Session): Promise<void> {
    await this.repo.insert(session);
  }

  /** The session with its user, or null. */
  withUser(idHash: string): Promise<Session | null> {
    return this.repo.findOne({ where: { idHash }, relations: { user: true } });
  }

  /**
   * The same lookup as withUser, synchronously through one prepared statement (better-sqlite3),
   * for reads answered before the framework's pipeline.
   */
  livenessOf(idHash: string): SessionLiveness | undefined {
    this.liveness ??= (
      this.repo.manager.connection.driver as unknown as { databaseConnection: Database.Database }
    ).databaseConnection.prepare<[string], SessionLiveness>(LIVENESS_SQL);
    return this.liveness.get(idHash);
  }

  async touch(idHash: string, lastSeenAt: number): Promise<void> {
    await this.repo.update({ idHash }, { lastSeenAt });
  }

  async remove(idHash: string): Promise<void> {
    await this.repo.delete({ idHash });
  }

  async removeForUser(userId: number): Promise<void> {
    await this.repo.delete({ userId });
  }

  async removeExpired(idleBefore: number, createdBefore: number): Promise<void> {
    await this.repo.delete({ lastSeenAt: LessThan(idleBefore) });
    await this.repo.delete({ createdAt: LessThan(createdBefore) });
  }
}
