import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { User } from './entities/user.entity.js';
import type { Role } from './roles.js';
import { isUniqueViolation } from './unique-violation.js';

/** Database access for console accounts. */
@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}

  count(): Promise<number> {
    return this.repo.count();
  }

  countByRole(role: Role): Promise<number> {
    return this.repo.count({ where: { role } });
  }

  all(): Promise<User[]> {
    return this.repo.find({ order: { username: 'ASC' } });
  }

  byId(id: number): Promise<User | null> {
    return this.repo.findOneBy({ id });
  }

  byUsername(username: string): Promise<User | null> {
    return this.repo.findOneBy({ username });
  }

  /** The new row, or null when the username was taken meanwhile. */
  async insert(user: Omit<User, 'id'>): Promise<User | null> {
    try {
      return await this.repo.save(this.repo.create(user));
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  async update(id: number, changes: Partial<Omit<User, 'id'>>): Promise<void> {
    await this.repo.update({ id }, changes);
  }

  async remove(id: number): Promise<void> {
    await this.repo.delete({ id });
  }
}
