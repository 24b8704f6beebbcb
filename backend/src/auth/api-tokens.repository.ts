import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, type Repository } from 'typeorm';
import { isUniqueViolation } from '../users/unique-violation.js';
import { ApiToken } from './entities/api-token.entity.js';

/** Database access for API tokens. */
@Injectable()
export class ApiTokensRepository {
  constructor(@InjectRepository(ApiToken) private readonly repo: Repository<ApiToken>) {}

  all(): Promise<ApiToken[]> {
    return this.repo.find({ order: { createdAt: 'DESC', id: 'DESC' } });
  }

  byId(id: number): Promise<ApiToken | null> {
    return this.repo.findOneBy({ id });
  }

  byName(name: string): Promise<ApiToken | null> {
    return this.repo.findOneBy({ name });
  }

  byHash(tokenHash: string): Promise<ApiToken | null> {
    return this.repo.findOneBy({ tokenHash });
  }

  /** The new row, or null when the name was taken meanwhile. */
  async insert(token: Omit<ApiToken, 'id'>): Promise<ApiToken | null> {
    try {
      return await this.repo.save(this.repo.create(token));
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  liveForOwner(ownerId: number): Promise<ApiToken[]> {
    return this.repo.findBy({ ownerId, revokedAt: IsNull() });
  }

  async revokeMany(ids: number[], revokedAt: number): Promise<void> {
    await this.repo.update({ id: In(ids), revokedAt: IsNull() }, { revokedAt });
  }

  async update(id: number, changes: Partial<Omit<ApiToken, 'id'>>): Promise<void> {
    await this.repo.update({ id }, changes);
  }
}
