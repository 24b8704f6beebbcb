import {
  ConflictException,
  ForbiddenException,
  HttpException,
  Inject,
  HttpStatus,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { ActivityService } from '../activity/activity.service.js';
import { badRequest } from '../common/domain-errors.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { User } from '../users/entities/user.entity.js';
import { UsersService } from '../users/users.service.js';
import type { MeDto, SetupDto } from './dto/auth.dto.js';
import { type Lockout, LoginThrottle } from './login-throttle.js';
import type { Principal } from './principal.js';
import { SessionsService, type NewSession } from './sessions.service.js';
import { SetupCodeService } from './setup-code.service.js';
import { TotpService } from './totp/totp.service.js';

export interface SignedIn {
  me: MeDto;
  cookie: string;
  maxAgeMs: number;
}

const WRONG_LOGIN = 'Wrong username or password';
/** Throttle keys that are no username (usernames cannot contain parentheses). */
const SETUP_KEY = '(setup)';
const PASSWORD_KEY = '(password)#';
const TOTP_OFF_KEY = '(totp-off)#';

/** Sign-in, first-admin setup and password changes; the controller turns results into cookies. */
@Injectable()
export class AuthService {
  readonly throttle = new LoginThrottle();

  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly setup: SetupCodeService,
    private readonly totp: TotpService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly activity: ActivityService,
  ) {}

  /**
   * Password sign-in. An account with two-factor sign-in also needs `code`: without it the answer
   * is 401 asking for one (counted like a failure, so it cannot reset the count of wrong codes).
   */
  async login(username: string, password: string, ip: string, code?: string): Promise<SignedIn> {
    try {
      const signedIn = await this.passwordSignIn(username, password, ip, code);
      await this.activity.recordSignIn('sign-in', signedIn.me.username, ip, true, 'password');
      return signedIn;
    } catch (error) {
      // L-8: every refusal goes to the activity feed too, lock-outs included
      if (!(error instanceof SecondFactorNeeded)) {
        const what = error instanceof TooManyAttempts ? 'sign-in-locked' : 'sign-in';
        await this.activity.recordSignIn(what, username, ip, false, (error as Error).message);
      }
      throw error;
    }
  }

  private async passwordSignIn(
    username: string,
    password: string,
    ip: string,
    code?: string,
  ): Promise<SignedIn> {
    this.refuseWhenLocalLoginOff(username);
    this.enter(username, ip);
    const user = await this.users.authenticate(username, password);
    if (!user) throw new UnauthorizedException(WRONG_LOGIN);
    if (await this.totp.refresh(user.id)) {
      if (code === undefined) throw new SecondFactorNeeded();
      if ((await this.totp.check(user.id, code)) !== 'ok') throw new SecondFactorWrong();
    }
    this.throttle.succeeded(username, ip);
    return this.signIn(user);
  }

  /** Turns the caller's two-factor sign-in off; needs the password and a code, throttled. */
  async disableTotp(principal: Principal, password: string, code: string, ip: string) {
    const user = await this.localUser(principal, 'two-factor sign-in');
    const key = `${TOTP_OFF_KEY}${user.id}`;
    this.enter(key, ip);
    if (!(await this.users.authenticate(user.username, password))) {
      throw badRequest('The password is wrong', 'password');
    }
    if (!this.totp.isEnabled(user.id)) throw badRequest('Two-factor sign-in is not on', 'code');
    if ((await this.totp.check(user.id, code)) !== 'ok') {
      throw badRequest('The code is wrong or was already used', 'code');
    }
    this.throttle.succeeded(key, ip);
    await this.totp.remove(user.id);
    await this.activity.recordSignIn('2fa-off', user.username, ip, true);
  }

  async setupRequired(): Promise<boolean> {
    return this.setup.pending();
  }

  async completeSetup(dto: SetupDto, ip: string): Promise<SignedIn> {
    if (!(await this.setup.pending())) {
      throw new ConflictException('Setup is already done: sign in instead');
    }
    this.enter(SETUP_KEY, ip);
    if (!(await this.setup.consume(dto.code))) {
      throw new UnauthorizedException('The setup code is wrong or was already used');
    }
    this.throttle.succeeded(SETUP_KEY, ip);
    await this.users.create({ username: dto.username, password: dto.password, role: 'admin' });
    const user = await this.users.authenticate(dto.username, dto.password);
    if (!user) throw new UnauthorizedException(WRONG_LOGIN);
    return this.signIn(user);
  }

  async logout(principal: Principal): Promise<void> {
    if (principal.kind === 'user') await this.sessions.destroy(principal.sessionIdHash);
  }

  /** Changes the caller's password, ends all their sessions and opens a fresh one. */
  async changePassword(
    principal: Principal,
    current: string,
    next: string,
    ip: string,
  ): Promise<SignedIn> {
    const user = await this.localUser(principal, 'password');
    // L-5: guessing the current password through a stolen session is throttled like sign-in
    const key = `${PASSWORD_KEY}${user.id}`;
    try {
      this.enter(key, ip);
      await this.users.changePassword(user, current, next);
    } catch (error) {
      const what = error instanceof TooManyAttempts ? 'password-locked' : 'password-change';
      await this.activity.recordSignIn(what, user.username, ip, false, (error as Error).message);
      throw error;
    }
    this.throttle.succeeded(key, ip);
    await this.sessions.destroyForUser(user.id);
    await this.activity.recordSignIn('password-change', user.username, ip, true, 'sessions ended');
    return this.signIn(user);
  }

  me(principal: Principal): MeDto {
    if (principal.kind === 'token') {
      return { username: `token:${principal.name}`, role: principal.role, kind: 'token' };
    }
    return {
      username: principal.username,
      role: principal.role,
      kind: 'session',
      csrfToken: principal.csrfToken,
      expiresAt: new Date(principal.sessionCreatedAt + this.sessions.maxAgeMs).toISOString(),
      ...(this.totp.mustEnrol(principal.userId) && { totpSetupRequired: true }),
    };
  }

  /** The account behind a session; API tokens have no password or authenticator. */
  private async localUser(principal: Principal, what: string): Promise<User> {
    const user = principal.kind === 'user' ? await this.users.findById(principal.userId) : null;
    if (!user) throw badRequest(`API tokens have no ${what}: sign in as the account`);
    return user;
  }

  /** Lock-outs remembered now, for admins. */
  lockouts(): Lockout[] {
    return this.throttle.list();
  }

  /** Forgets failures (of a username, an address, or all); returns how many records went. */
  clearLockouts(filter: { username?: string; address?: string }): number {
    return this.throttle.clear(filter);
  }

  /** Counts the attempt before any slow check (M-2); 429 while the pair or address is locked. */
  private enter(username: string, ip: string): void {
    const waitMs = this.throttle.begin(username, ip);
    if (waitMs > 0) throw new TooManyAttempts(Math.ceil(waitMs / 1000));
  }

  /** Password sign-in switched off: only the break-glass account may still use it. */
  private refuseWhenLocalLoginOff(username: string): void {
    const { localLogin, breakGlassUser } = this.config.auth;
    if (localLogin || username.toLowerCase() === breakGlassUser?.toLowerCase()) return;
    throw new ForbiddenException({
      message: 'Password sign-in is switched off: sign in through your identity provider',
      reason: 'local-login-off',
    });
  }

  /** Opens a session for an account another sign-in path (single sign-on) has verified. */
  startSession(user: User): Promise<SignedIn> {
    return this.signIn(user);
  }

  private async signIn(user: User): Promise<SignedIn> {
    const created: NewSession = await this.sessions.create(user.id);
    const principal: Principal = {
      kind: 'user',
      userId: user.id,
      username: user.username,
      role: user.role,
      sessionIdHash: created.session.idHash,
      csrfToken: created.csrfToken,
      sessionCreatedAt: created.session.createdAt,
    };
    return { me: this.me(principal), cookie: created.cookie, maxAgeMs: this.sessions.maxAgeMs };
  }
}

/** 401 for a right password of an account with two-factor sign-in, sent without a code. */
export class SecondFactorNeeded extends UnauthorizedException {
  constructor() {
    super({
      message: 'Enter the code from your authenticator app (or a recovery code)',
      reason: 'totp-required',
    });
  }
}

export class SecondFactorWrong extends UnauthorizedException {
  constructor() {
    super({
      message: 'The two-factor code is wrong or was already used: wait for the next one',
      reason: 'totp-wrong',
    });
  }
}

/** 429 with the seconds to wait; the controller copies them into Retry-After. */
export class TooManyAttempts extends HttpException {
  constructor(readonly retryAfterS: number) {
    super(`Too many failed sign-ins: try again in ${retryAfterS} s`, HttpStatus.TOO_MANY_REQUESTS);
  }
}
