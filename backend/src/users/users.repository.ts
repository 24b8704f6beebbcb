import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Raw, type Repository } from 'typeorm';
import { BootstrapState } from './entities/bootstrap-state.entity.js';
import { User } from './entities/user.entity.js';
import type { Role } from './roles.js';
import { isUniqueViolation } from './unique-violation.js';

const OTHER_ADMINS = `(SELECT COUNT(*) FROM "user" WHERE role = 'admin' AND id != :id)`;

/** Database access for console accounts. */
@Injectable()
export class UsersRepository {
  constructor(
    @InjectRepository(User) private readonly repo: Repository<User>,
    @InjectRepository(BootstrapState) private readonly bootstrap: Repository<BootstrapState>,
  ) {}

  async bootstrapDone(): Promise<boolean> {
    return (await this.bootstrap.countBy({ id: 1 })) > 0;
  }

  /** Records that an admin exists; the first record stays. */
  async markBootstrapped(doneAt: number): Promise<void> {
    await this.bootstrap
      .createQueryBuilder()
      .insert()
      .into(BootstrapState)
      .values({ id: 1, doneAt })
      .orIgnore()
      .execute();
  }

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

  /** Case-insensitive: `Alice` finds `alice` (usernames are unique regardless of case). */
  byUsername(username: string): Promise<User | null> {
    return this.repo.findOneBy({
      username: Raw((column) => `${column} = :username COLLATE NOCASE`, { username }),
    });
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

  /**
   * Sets the role unless that would leave no admin; false when refused. One statement, so two
   * admins demoting or deleting each other at the same moment cannot both pass the check.
   */
  async setRoleKeepingAnAdmin(id: number, role: Role): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(User)
      .set({ role })
      .where('id = :id', { id })
      .andWhere(`(:role = 'admin' OR role != 'admin' OR ${OTHER_ADMINS} > 0)`, { role, id })
      .execute();
    return result.affected === 1;
  }

  /** Deletes the account unless it is the last admin; false when refused (one statement). */
  async removeKeepingAnAdmin(id: number): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .delete()
      .from(User)
      .where('id = :id', { id })
      .andWhere(`(role != 'admin' OR ${OTHER_ADMINS} > 0)`, { id })
      .execute();
    return result.affected === 1;
  }
}
