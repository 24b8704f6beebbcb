import { Injectable } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service.js';
import { ApiTokensService } from '../auth/api-tokens.service.js';
import { SessionsService } from '../auth/sessions.service.js';
import { badRequest, conflict, notFound } from '../common/domain-errors.js';
import type { CreateUserDto, UpdateUserDto, UserDto } from './dto/user.dto.js';
import type { User } from './entities/user.entity.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { type Role, roleAllows } from './roles.js';
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

/** Accounts in the activity feed, as sign-ins name them. */
const targetOf = (user: User): string => `user/${user.username}`;

const revokedNote = (tokens: string[]): string =>
  tokens.length ? `, API tokens revoked: ${tokens.join(', ')}` : '';

/**
 * Console accounts: creation, roles, passwords. At least one admin always remains. Role changes,
 * password resets and deletions are reported to the sessions at once: they apply to the very
 * next request of the user's open sessions. Deleting or demoting an account revokes the API
 * tokens it made (L-3). Every change, and every refused change to an existing account, goes to
 * the activity feed (L-8).
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly repo: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly tokens: ApiTokensService,
    private readonly activity: ActivityService,
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
    await this.activity.recordAccountChange(
      'user-create',
      targetOf(user),
      true,
      `role ${user.role}`,
    );
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
        const refusal = this.lastAdmin(user, id === actorId ? 'demote yourself' : 'demote');
        await this.activity.recordAccountChange(
          'user-role',
          targetOf(user),
          false,
          refusal.message,
        );
        throw refusal;
      }
      changes.role = dto.role;
    }
    if (dto.password) {
      changes.passwordHash = await hashPassword(dto.password);
      changes.passwordChangedAt = Date.now();
    }
    const { role: _role, ...rest } = changes;
    if (Object.keys(rest).length > 0) await this.repo.update(id, rest);
    if (changes.role) await this.roleChanged(user, changes.role, !changes.passwordChangedAt);
    if (changes.passwordChangedAt) {
      await this.sessions.destroyForUser(id);
      await this.activity.recordAccountChange(
        'user-password',
        targetOf(user),
        true,
        'password reset, sessions ended',
      );
    }
    return toUserDto({ ...user, ...changes });
  }

  async remove(id: number, actorId: number | undefined): Promise<void> {
    const user = await this.mustFind(id);
    const refuse = async (refusal: Error): Promise<never> => {
      await this.activity.recordAccountChange(
        'user-delete',
        targetOf(user),
        false,
        refusal.message,
      );
      throw refusal;
    };
    if (id === actorId) await refuse(badRequest('You cannot delete your own account', 'id'));
    if (!(await this.repo.removeKeepingAnAdmin(id))) await refuse(this.lastAdmin(user, 'delete'));
    this.sessions.userRemoved(id);
    const revoked = await this.tokens.revokeForOwner(id);
    await this.activity.recordAccountChange(
      'user-delete',
      targetOf(user),
      true,
      `was ${user.role}${revokedNote(revoked)}`,
    );
  }

  /** Applies a role change to tokens and open sessions: a demotion revokes the account's tokens. */
  private async roleChanged(user: User, role: Role, sessionsStay: boolean): Promise<void> {
    const revoked = roleAllows(role, user.role) ? [] : await this.tokens.revokeForOwner(user.id);
    // with a password reset the sessions end instead
    if (sessionsStay) this.sessions.roleChanged(user.id, role);
    await this.activity.recordAccountChange(
      'user-role',
      targetOf(user),
      true,
      `${user.role} -> ${role}${revokedNote(revoked)}`,
    );
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
