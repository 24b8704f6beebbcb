import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, Not, Or, type Repository } from 'typeorm';
import { AuthSetting } from '../entities/auth-setting.entity.js';
import { OidcIdentity } from '../entities/oidc-identity.entity.js';
import { RecoveryCode } from '../entities/recovery-code.entity.js';
import { TotpCredential } from '../entities/totp-credential.entity.js';

/** Database access for TOTP authenticators, recovery codes and sign-in policy settings. */
@Injectable()
export class TotpRepository {
  constructor(
    @InjectRepository(TotpCredential) private readonly credentials: Repository<TotpCredential>,
    @InjectRepository(RecoveryCode) private readonly codes: Repository<RecoveryCode>,
    @InjectRepository(AuthSetting) private readonly settings: Repository<AuthSetting>,
  ) {}

  byUser(userId: number): Promise<TotpCredential | null> {
    return this.credentials.findOneBy({ userId });
  }

  /** Accounts with two-factor sign-in on. */
  enabled(): Promise<TotpCredential[]> {
    return this.credentials.find({ where: { enabledAt: Not(IsNull()) }, order: { userId: 'ASC' } });
  }

  async savePending(userId: number, pendingSecret: string): Promise<void> {
    await this.credentials.upsert({ userId, pendingSecret }, ['userId']);
  }

  /** Turns the pending secret into the active one and replaces the recovery codes, atomically. */
  async enable(userId: number, secret: string, step: number, codeHashes: string[]): Promise<void> {
    await this.credentials.manager.transaction(async (tx) => {
      await tx.update(
        TotpCredential,
        { userId },
        { secret, pendingSecret: null, enabledAt: Date.now(), lastStep: step },
      );
      await tx.delete(RecoveryCode, { userId });
      await tx.insert(
        RecoveryCode,
        codeHashes.map((codeHash) => ({ userId, codeHash })),
      );
    });
  }

  /**
   * Records that a code of `step` was used; false when that step or a later one was used already
   * (one statement, so two requests with the same code cannot both pass).
   */
  async claimStep(userId: number, step: number): Promise<boolean> {
    const result = await this.credentials.update(
      { userId, lastStep: Or(IsNull(), LessThan(step)) },
      { lastStep: step },
    );
    return result.affected === 1;
  }

  /** Uses up a recovery code; false when it is unknown or was used already. */
  async consumeRecoveryCode(userId: number, codeHash: string): Promise<boolean> {
    const result = await this.codes.delete({ userId, codeHash });
    return result.affected === 1;
  }

  recoveryCodesLeft(userId: number): Promise<number> {
    return this.codes.countBy({ userId });
  }

  /** Forgets the authenticator and the recovery codes of an account. */
  async remove(userId: number): Promise<void> {
    await this.credentials.manager.transaction(async (tx) => {
      await tx.delete(RecoveryCode, { userId });
      await tx.delete(TotpCredential, { userId });
    });
  }

  /** Accounts linked to an identity-provider subject. */
  async externalUserIds(): Promise<number[]> {
    const rows = await this.credentials.manager.find(OidcIdentity, { select: { userId: true } });
    return rows.map((r) => r.userId);
  }

  async setting(key: string): Promise<string | undefined> {
    return (await this.settings.findOneBy({ key }))?.value;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.settings.upsert({ key, value }, ['key']);
  }
}
