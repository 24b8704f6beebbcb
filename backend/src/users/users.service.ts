import { Injectable } from '@nestjs/common';
import { ApiTokensService } from '../auth/api-tokens.service.js';
import { SessionsService } from '../auth/sessions.service.js';
import { badRequest, conflict, notFound } from '../common/domain-errors.js';
import type { CreateUserDto, UpdateUserDto, UserDto } from './dto/user.dto.js';
import type { User } from './entities/user.entity.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { roleAllows } from './roles.js';
import { UsersRepository } from './users.repository.js';

/** A hash of a throwaway password, verified when a username is unknown so timing does not tell. */
let decoyHash: Promise<string> | undefined;

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    createdAt: new Date(user.createdAt).toISOString(),
  };
}

/**
 * Console accounts: creation, roles, passwords. At least one admin always remains. Role changes,
 * password resets and deletions are reported to the sessions at once: they apply to the very
 * next request of the user's open sessions. Deleting or demoting an account revokes the API
 * tokens it made (L-3).
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly repo: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly tokens: ApiTokensService,
  ) {}

  async hasUsers(): Promise<boolean> {
    return (await this.repo.count()) > 0;
  }

  findById(id: number): Promise<User | null> {
    return this.repo.byId(id);
  }

  async list(): Promise<UserDto[]> {
    return (await this.repo.all()).map(toUserDto);
  }

  async create(dto: CreateUserDto): Promise<UserDto> {
    const taken = () => conflict(`A user named '${dto.username}' already exists`, 'username');
    if (await this.repo.byUsername(dto.username)) throw taken();
    const now = Date.now();
    const user = await this.repo.insert({
      username: dto.username,
      role: dto.role,
      passwordHash: await hashPassword(dto.password),
      createdAt: now,
      passwordChangedAt: now,
    });
    if (!user) throw taken();
    if (user.role === 'admin') await this.repo.markBootstrapped(now);
    return toUserDto(user);
  }

  /**
   * Creates the configured admin only while the console was never bootstrapped (no admin has
   * ever existed): false once an admin exists, or when the name is taken by a non-admin.
   */
  async bootstrapAdmin(username: string, password: string): Promise<boolean> {
    if (await this.bootstrapDone()) return false;
    if (await this.repo.byUsername(username)) return false;
    await this.create({ username, password, role: 'admin' });
    return true;
  }

  /** True once an admin exists or has existed; records it the first time it sees one. */
  async bootstrapDone(): Promise<boolean> {
    if (await this.repo.bootstrapDone()) return true;
    if ((await this.repo.countByRole('admin')) === 0) return false;
    await this.repo.markBootstrapped(Date.now());
    return true;
  }

  async update(id: number, dto: UpdateUserDto, actorId: number | undefined): Promise<UserDto> {
    const user = await this.mustFind(id);
    const changes: Partial<User> = {};
    if (dto.role && dto.role !== user.role) {
      if (!(await this.repo.setRoleKeepingAnAdmin(id, dto.role))) {
        throw this.lastAdmin(user, id === actorId ? 'demote yourself' : 'demote');
      }
      changes.role = dto.role;
    }
    if (dto.password) {
      changes.passwordHash = await hashPassword(dto.password);
      changes.passwordChangedAt = Date.now();
    }
    const { role: _role, ...rest } = changes;
    if (Object.keys(rest).length > 0) await this.repo.update(id, rest);
    if (changes.role && !roleAllows(changes.role, user.role)) await this.tokens.revokeForOwner(id);
    if (changes.passwordChangedAt) await this.sessions.destroyForUser(id);
    else if (changes.role) this.sessions.roleChanged(id, changes.role);
    return toUserDto({ ...user, ...changes });
  }

  async remove(id: number, actorId: number | undefined): Promise<void> {
    const user = await this.mustFind(id);
    if (id === actorId) throw badRequest('You cannot delete your own account', 'id');
    if (!(await this.repo.removeKeepingAnAdmin(id))) throw this.lastAdmin(user, 'delete');
    this.sessions.userRemoved(id);
    await this.tokens.revokeForOwner(id);
  }

  /** The user when the password matches, else null; takes as long for unknown names. */
  async authenticate(username: string, password: string): Promise<User | null> {
    const user = await this.repo.byUsername(username);
    if (!user) {
      decoyHash ??= hashPassword('decoy password never used');
      await verifyPassword(await decoyHash, password);
      return null;
    }
    return (await verifyPassword(user.passwordHash, password)) ? user : null;
  }

  /** Sets a new password; sessions started before now stop working. Returns the change time. */
  async changePassword(user: User, current: string, next: string): Promise<number> {
    if (!(await verifyPassword(user.passwordHash, current))) {
      throw badRequest('The current password is wrong', 'currentPassword');
    }
    const passwordChangedAt = Date.now();
    await this.repo.update(user.id, { passwordHash: await hashPassword(next), passwordChangedAt });
    return passwordChangedAt;
  }

  private async mustFind(id: number): Promise<User> {
    const user = await this.repo.byId(id);
    if (!user) throw notFound(`No user with id ${id}`);
    return user;
  }

  private lastAdmin(user: User, what: string): Error {
    return conflict(`Cannot ${what} ${user.username}: it is the last admin`);
  }
}
