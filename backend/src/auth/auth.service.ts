import {
  ConflictException,
  HttpException,
  HttpStatus,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import type { User } from '../users/entities/user.entity.js';
import { UsersService } from '../users/users.service.js';
import type { MeDto, SetupDto } from './dto/auth.dto.js';
import { LoginThrottle } from './login-throttle.js';
import type { Principal } from './principal.js';
import { SessionsService, type NewSession } from './sessions.service.js';
import { SetupCodeService } from './setup-code.service.js';

export interface SignedIn {
  me: MeDto;
  cookie: string;
  maxAgeMs: number;
}

const WRONG_LOGIN = 'Wrong username or password';

/** Sign-in, first-admin setup and password changes; the controller turns results into cookies. */
@Injectable()
export class AuthService {
  readonly throttle = new LoginThrottle();

  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly setup: SetupCodeService,
  ) {}

  async login(username: string, password: string, ip: string): Promise<SignedIn> {
    this.refuseWhileLocked(username, ip);
    const user = await this.users.authenticate(username, password);
    if (!user) {
      this.throttle.recordFailure(username, ip);
      throw new UnauthorizedException(WRONG_LOGIN);
    }
    this.throttle.recordSuccess(username);
    return this.signIn(user);
  }

  async setupRequired(): Promise<boolean> {
    return this.setup.pending();
  }

  async completeSetup(dto: SetupDto, ip: string): Promise<SignedIn> {
    if (!(await this.setup.pending())) {
      throw new ConflictException('Setup is already done: sign in instead');
    }
    this.refuseWhileLocked('(setup)', ip);
    if (!(await this.setup.consume(dto.code))) {
      this.throttle.recordFailure('(setup)', ip);
      throw new UnauthorizedException('The setup code is wrong or was already used');
    }
    await this.users.create({ username: dto.username, password: dto.password, role: 'admin' });
    const user = await this.users.authenticate(dto.username, dto.password);
    if (!user) throw new UnauthorizedException(WRONG_LOGIN);
    return this.signIn(user);
  }

  async logout(principal: Principal): Promise<void> {
    if (principal.kind === 'user') await this.sessions.destroy(principal.sessionIdHash);
  }

  /** Changes the caller's password, ends all their sessions and opens a fresh one. */
  async changePassword(principal: Principal, current: string, next: string): Promise<SignedIn> {
    const user = principal.kind === 'user' ? await this.users.findById(principal.userId) : null;
    if (!user) {
      throw new HttpException('API tokens have no password to change', HttpStatus.BAD_REQUEST);
    }
    await this.users.changePassword(user, current, next);
    await this.sessions.destroyForUser(user.id);
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
    };
  }

  private refuseWhileLocked(username: string, ip: string): void {
    const waitMs = this.throttle.retryAfterMs(username, ip);
    if (waitMs > 0) throw new TooManyAttempts(Math.ceil(waitMs / 1000));
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

/** 429 with the seconds to wait; the controller copies them into Retry-After. */
export class TooManyAttempts extends HttpException {
  constructor(readonly retryAfterS: number) {
    super(`Too many failed sign-ins: try again in ${retryAfterS} s`, HttpStatus.TOO_MANY_REQUESTS);
  }
}
