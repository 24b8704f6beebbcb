import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { Session } from './entities/session.entity.js';

/** Database access for browser sessions. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectRepository(Session) private readonly repo: Repository<Session>) {}

  async insert(session: Session): Promise<void> {
    await this.repo.insert(session);
  }

  /** The session with its user, or null. */
  withUser(idHash: string): Promise<Session | null> {
    return this.repo.findOne({ where: { idHash }, relations: { user: true } });
  }

  /** SQLite's data_version: it changes when another connection (another process) commits. */
  async dataVersion(): Promise<number> {
    const rows = await this.repo.query<{ data_version: number }[]>('PRAGMA data_version');
    return rows[0].data_version;
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
