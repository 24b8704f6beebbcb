import { randomInt } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { hashPassword, verifyPassword } from '../users/passwords.js';
import { UsersService } from '../users/users.service.js';

/** Crockford-like alphabet without 0/O and 1/I/L, so a code read off a terminal is typed right. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function newCode(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}

const normalise = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

/**
 * The first admin: from PROXICLOUD_ADMIN_USER/PASSWORD, or else a one-time setup code printed to
 * the log at start while no account exists. Only the code's hash is kept. Both apply only until
 * the first admin exists (the persisted bootstrap flag): never again after that.
 */
@Injectable()
export class SetupCodeService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Setup');
  private codeHash: string | undefined;

  constructor(
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminUser, adminPassword } = this.config.auth;
    if (await this.users.bootstrapDone()) {
      if (adminPassword) {
        this.logger.log(
          'An admin exists, so auth.admin_user/admin_password (PROXICLOUD_ADMIN_*) are not used; remove them from the configuration',
        );
      }
      return;
    }
    if (adminUser && adminPassword) {
      if (await this.users.bootstrapAdmin(adminUser, adminPassword)) {
        this.logger.log(`Created admin account '${adminUser}' from the configuration`);
      }
      return;
    }
    if (await this.users.hasUsers()) return;
    const code = newCode();
    this.codeHash = await hashPassword(normalise(code));
    this.logger.warn(
      `No account exists yet. Open the console and create the first admin with the one-time setup code ${code}`,
    );
  }

  /** True while the first admin still has to be created through the setup code. */
  async pending(): Promise<boolean> {
    return this.codeHash !== undefined && !(await this.users.hasUsers());
  }

  /** Checks the code; a right code can be used only once. */
  async consume(code: string): Promise<boolean> {
    const hash = this.codeHash;
    if (!hash || !(await verifyPassword(hash, normalise(code)))) return false;
    if (this.codeHash !== hash) return false;
    this.codeHash = undefined;
    return true;
  }
}
