import { Injectable } from '@nestjs/common';
import { ApiTokensRepository } from '../auth/api-tokens.repository.js';
import { type Role, ROLES } from '../users/roles.js';
import { UsersRepository } from '../users/users.repository.js';
import type { Schedule } from './entities/schedule.entity.js';

/** Who a schedule's run acts as, or why it may not run at all. */
export type RunAs = { role: Role } | { refused: string };

/**
 * A schedule acts for whoever saved it, and never beyond what that account may do NOW: the lower
 * of the role stored with the schedule and the account's current role; nothing once the account is
 * deleted, or the API token that saved it is revoked or expired (as a token dies with its owner,
 * L-3). Tag schedules (`pxc.schedule.*`) are the Proxmox tag's, with the operator role.
 */
@Injectable()
export class ScheduleOwners {
  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: ApiTokensRepository,
  ) {}

  async runAs(s: Pick<Schedule, 'createdBy' | 'role'>, now: number): Promise<RunAs> {
    if (s.createdBy === 'tag') return { role: s.role };
    if (s.createdBy.startsWith('token:')) {
      const name = s.createdBy.slice('token:'.length);
      const token = await this.tokens.byName(name);
      if (!token || token.revokedAt !== null)
        return { refused: `the API token ${name} that saved it is revoked` };
      if (token.expiresAt !== null && token.expiresAt <= now)
        return { refused: `the API token ${name} that saved it has expired` };
      return { role: lower(s.role, token.role) };
    }
    const user = await this.users.byUsername(s.createdBy);
    if (!user) return { refused: `the account ${s.createdBy} that saved it no longer exists` };
    return { role: lower(s.role, user.role) };
  }
}

function lower(a: Role, b: Role): Role {
  return ROLES[Math.min(ROLES.indexOf(a), ROLES.indexOf(b))];
}
