import { Inject, Injectable } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service.js';
import { conflict, notFound } from '../common/domain-errors.js';
import { ApiTokensRepository } from './api-tokens.repository.js';
import { keyedHash, randomSecret } from './auth-crypto.js';
import type { ApiTokenDto, CreateApiTokenDto, CreatedApiTokenDto } from './dto/api-token.dto.js';
import type { ApiToken } from './entities/api-token.entity.js';
import { actorOf, type Principal } from './principal.js';
import { SESSION_SECRET } from './session-secret.js';
import { SessionsService } from './sessions.service.js';

export const TOKEN_PREFIX = 'pxc_';
/** lastUsedAt is written at most this often per token. */
const LAST_USED_EVERY_MS = 60_000;

const iso = (ms: number | null): string | undefined =>
  ms === null ? undefined : new Date(ms).toISOString();

function toDto(token: ApiToken): ApiTokenDto {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    createdBy: token.createdBy,
    createdAt: new Date(token.createdAt).toISOString(),
    lastUsedAt: iso(token.lastUsedAt),
    revokedAt: iso(token.revokedAt),
    ownerId: token.ownerId ?? undefined,
    expiresAt: iso(token.expiresAt),
  };
}

const DAY_MS = 86_400_000;

/** Tokens in the activity feed (L-8). */
const targetOf = (token: ApiToken): string => `token/${token.name}`;

function describe(token: ApiToken): string {
  const expiry = token.expiresAt === null ? 'no expiry' : `expires ${iso(token.expiresAt)}`;
  return `role ${token.role}, ${expiry}`;
}

/**
 * Bearer tokens for automation: random, shown once, stored as a keyed hash, revocable, with an
 * optional expiry. Each belongs to the account that made it: UsersService revokes an account's
 * tokens when the account is deleted or loses its admin role, so no token outlives the
 * authority it was made with. Creating and revoking one goes to the activity feed (L-8).
 */
@Injectable()
export class ApiTokensService {
  constructor(
    private readonly repo: ApiTokensRepository,
    @Inject(SESSION_SECRET) private readonly secret: string,
    private readonly sessions: SessionsService,
    private readonly activity: ActivityService,
  ) {}

  async list(): Promise<ApiTokenDto[]> {
    return (await this.repo.all()).map(toDto);
  }

  /** The new token belongs to the caller's account (for a token, the account that made it). */
  async create(
    dto: CreateApiTokenDto,
    caller: Principal,
    now = Date.now(),
  ): Promise<CreatedApiTokenDto> {
    const ownerId = caller.kind === 'user' ? caller.userId : await this.ownerOf(caller.tokenId);
    const taken = () => conflict(`A token named '${dto.name}' already exists`, 'name');
    if (await this.repo.byName(dto.name)) throw taken();
    const token = `${TOKEN_PREFIX}${randomSecret()}`;
    const row = await this.repo.insert({
      name: dto.name,
      role: dto.role,
      tokenHash: keyedHash(this.secret, token),
      createdBy: actorOf(caller),
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
      ownerId,
      expiresAt: dto.expiresInDays === undefined ? null : now + dto.expiresInDays * DAY_MS,
    });
    if (!row) throw taken();
    await this.activity.recordAccountChange('token-create', targetOf(row), true, describe(row));
    return { ...toDto(row), token };
  }

  /** The account a token belongs to (null when it has none). */
  async ownerOf(tokenId: number): Promise<number | null> {
    return (await this.repo.byId(tokenId))?.ownerId ?? null;
  }

  /** Revokes every live token of that account; the names of the tokens revoked. */
  async revokeForOwner(ownerId: number, now = Date.now()): Promise<string[]> {
    const live = await this.repo.liveForOwner(ownerId);
    if (live.length > 0)
      await this.repo.revokeMany(
        live.map((t) => t.id),
        now,
      );
    return live.map((t) => t.name);
  }

  async revoke(id: number): Promise<ApiTokenDto> {
    const row = await this.repo.byId(id);
    if (!row) throw notFound(`No API token with id ${id}`);
    if (row.revokedAt === null) {
      row.revokedAt = Date.now();
      await this.repo.update(id, { revokedAt: row.revokedAt });
      this.sessions.tokenRevoked(id);
      await this.activity.recordAccountChange('token-revoke', targetOf(row), true);
    }
    return toDto(row);
  }

  /**
   * The live token row for a presented token, recording when it was used; null if unknown,
   * revoked or expired.
   */
  async verify(presented: string, now = Date.now()): Promise<ApiToken | null> {
    if (!presented.startsWith(TOKEN_PREFIX)) return null;
    const row = await this.repo.byHash(keyedHash(this.secret, presented));
    if (!row || row.revokedAt !== null) return null;
    if (row.expiresAt !== null && now >= row.expiresAt) return null;
    if (row.lastUsedAt === null || now - row.lastUsedAt >= LAST_USED_EVERY_MS) {
      await this.repo.update(row.id, { lastUsedAt: now });
    }
    return row;
  }
}
