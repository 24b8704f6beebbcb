import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Secret, TOTP } from 'otpauth';
import { ActivityService } from '../../activity/activity.service.js';
import { badRequest, conflict, notFound } from '../../common/domain-errors.js';
import { UsersService } from '../../users/users.service.js';
import type { RecoveryCodesDto, TotpAccountsDto, TotpStatusDto } from '../dto/totp.dto.js';
import { keyedHash } from '../auth-crypto.js';
import { SESSION_SECRET } from '../session-secret.js';
import { TotpRepository } from './totp.repository.js';
import { TotpSecretBox } from './totp-secret-box.js';

export const TOTP_ISSUER = 'ProxiCloud';
export const RECOVERY_CODE_COUNT = 10;
const REQUIRED_KEY = 'totp_required';
/** RFC 6238 as every authenticator app implements it: SHA-1, six digits, 30 s steps. */
const TOTP_SHAPE = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** One step either side of now: a phone clock off by up to 30 s still works. */
const WINDOW = 1;

export type CodeCheck = 'ok' | 'wrong';

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
}

/** Strips what people type around a recovery code (spaces, dashes, capitals). */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

function newRecoveryCode(): string {
  const hex = randomBytes(6).toString('hex');
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8)}`;
}

/**
 * TOTP two-factor sign-in for local accounts: setup hands out a secret once, the first code
 * confirms it, then every password sign-in needs a code (or one of ten single-use recovery
 * codes). A code is accepted once: its step is recorded, and that step and older ones are refused
 * afterwards. Which accounts have it and whether admins require it are kept in memory too, so the
 * guard can ask on every request without a database read.
 */
@Injectable()
export class TotpService implements OnModuleInit {
  private readonly box: TotpSecretBox;
  private readonly enrolled = new Set<number>();
  /** accounts that sign in through the identity provider: its own second factor applies */
  private readonly external = new Set<number>();
  private requiredForAll = false;

  constructor(
    private readonly repo: TotpRepository,
    private readonly users: UsersService,
    @Inject(SESSION_SECRET) private readonly sessionSecret: string,
    private readonly activity: ActivityService,
  ) {
    this.box = new TotpSecretBox(sessionSecret);
  }

  async onModuleInit(): Promise<void> {
    this.enrolled.clear();
    for (const c of await this.repo.enabled()) this.enrolled.add(c.userId);
    for (const id of await this.repo.externalUserIds()) this.external.add(id);
    this.requiredForAll = (await this.repo.setting(REQUIRED_KEY)) === 'true';
  }

  /**
   * Reads from the database whether the account has two-factor sign-in (sign-in asks here, so an
   * id reused after a deletion never inherits the old account's state) and updates the memory.
   */
  async refresh(userId: number): Promise<boolean> {
    const on = Boolean((await this.repo.byUser(userId))?.enabledAt);
    if (on) this.enrolled.add(userId);
    else this.enrolled.delete(userId);
    return on;
  }

  isEnabled(userId: number): boolean {
    return this.enrolled.has(userId);
  }

  get required(): boolean {
    return this.requiredForAll;
  }

  /** True while admins require two-factor sign-in and this local account has none yet. */
  mustEnrol(userId: number): boolean {
    return this.requiredForAll && !this.enrolled.has(userId) && !this.external.has(userId);
  }

  /** An account signed in through single sign-on: the policy for local accounts does not apply. */
  markExternal(userId: number): void {
    this.external.add(userId);
  }

  async status(userId: number): Promise<TotpStatusDto> {
    const enabled = await this.refresh(userId);
    return {
      enabled,
      required: this.requiredForAll,
      ...(enabled && { recoveryCodesLeft: await this.repo.recoveryCodesLeft(userId) }),
    };
  }

  accounts(): TotpAccountsDto {
    return {
      required: this.requiredForAll,
      enabledUserIds: [...this.enrolled].sort((a, b) => a - b),
    };
  }

  async setRequired(required: boolean): Promise<TotpAccountsDto> {
    await this.repo.setSetting(REQUIRED_KEY, String(required));
    const changed = this.requiredForAll !== required;
    this.requiredForAll = required;
    if (changed) {
      const now = required ? 'required for every local account' : 'optional';
      await this.activity.recordAccountChange('2fa-policy', 'settings/two-factor', true, now);
    }
    return this.accounts();
  }

  /** An admin resets an account's two-factor sign-in: it signs in with its password again. */
  async reset(userId: number): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) throw notFound(`No user with id ${userId}`);
    const wasOn = await this.refresh(userId);
    await this.remove(userId);
    const detail = wasOn ? 'authenticator and recovery codes removed' : 'it had none';
    await this.activity.recordAccountChange('2fa-reset', `user/${user.username}`, true, detail);
  }

  /** A fresh secret for the account's authenticator app; it is shown this once. */
  async setup(userId: number, username: string): Promise<TotpSetup> {
    if (this.enrolled.has(userId)) {
      throw conflict('Two-factor sign-in is already on: turn it off first to pair a new device');
    }
    const secret = new Secret({ size: 20 });
    await this.repo.savePending(userId, this.box.seal(userId, secret.base32));
    const totp = new TOTP({ issuer: TOTP_ISSUER, label: username, secret, ...TOTP_SHAPE });
    return { secret: secret.base32, otpauthUrl: totp.toString() };
  }

  /** Confirms the pending secret with a first code; returns the ten recovery codes, once. */
  async enable(userId: number, username: string, code: string): Promise<RecoveryCodesDto> {
    if (this.enrolled.has(userId)) throw conflict('Two-factor sign-in is already on');
    const row = await this.repo.byUser(userId);
    const pending = row?.pendingSecret ? this.box.open(userId, row.pendingSecret) : undefined;
    if (!pending) {
      throw badRequest('Start with POST /api/auth/totp/setup, then send a code', 'code');
    }
    const step = this.stepOf(pending, code);
    if (step === undefined) {
      throw badRequest(
        'The code is wrong: type the six digits your app shows now, and check its clock',
        'code',
      );
    }
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const hashes = codes.map((c) => this.hashRecoveryCode(c));
    await this.repo.enable(userId, row!.pendingSecret!, step, hashes);
    this.enrolled.add(userId);
    await this.activity.recordAccountChange('2fa-on', `user/${username}`, true);
    return { recoveryCodes: codes };
  }

  /**
   * Checks a six-digit code (each step once) or a recovery code (each code once) of an account
   * with two-factor sign-in on.
   */
  async check(userId: number, code: string): Promise<CodeCheck> {
    const row = await this.repo.byUser(userId);
    const secret = row?.secret ? this.box.open(userId, row.secret) : undefined;
    if (!secret) return 'wrong';
    if (/^\d{6}$/.test(code.trim())) {
      const step = this.stepOf(secret, code.trim());
      return step !== undefined && (await this.repo.claimStep(userId, step)) ? 'ok' : 'wrong';
    }
    const hash = this.hashRecoveryCode(code);
    return (await this.repo.consumeRecoveryCode(userId, hash)) ? 'ok' : 'wrong';
  }

  /** Turns two-factor sign-in off (the caller checked the password and a code, or is an admin). */
  async remove(userId: number): Promise<void> {
    await this.repo.remove(userId);
    this.enrolled.delete(userId);
  }

  /** The step a code belongs to (within ±1 step of now), or undefined when it matches none. */
  private stepOf(base32: string, code: string): number | undefined {
    const totp = new TOTP({ secret: Secret.fromBase32(base32), ...TOTP_SHAPE });
    const timestamp = Date.now();
    const delta = totp.validate({ token: code.trim(), timestamp, window: WINDOW });
    return delta === null ? undefined : totp.counter({ timestamp }) + delta;
  }

  private hashRecoveryCode(code: string): string {
    return keyedHash(this.sessionSecret, `recovery:${normaliseRecoveryCode(code)}`);
  }
}
