import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { type Role, roleAllows } from '../users/roles.js';
import { ApiTokensService } from './api-tokens.service.js';
import { BEFORE_TOTP_KEY, PUBLIC_KEY, type PublicOptions, ROLES_KEY } from './auth.decorators.js';
import { safeEqual } from './auth-crypto.js';
import { type Principal, setPrincipal } from './principal.js';
import { CSRF_HEADER, sessionCookieOf } from './session-cookie.js';
import { SessionsService } from './sessions.service.js';
import { TotpService } from './totp/totp.service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every route needs a signed-in caller unless marked @Public(). Cookie sessions must echo their
 * CSRF token on state-changing requests; Bearer tokens need not (browsers never send them on
 * their own). The role defaults fail closed: viewer for reads, admin for anything else.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly tokens: ApiTokensService,
    private readonly totp: TotpService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<PublicOptions | undefined>(
      PUBLIC_KEY,
      targets,
    );
    const changes = !SAFE_METHODS.has(req.method);
    // L-4: every body of this API is JSON; a form or text body is what a cross-site <form> sends
    if (changes && hasBody(req) && !req.is('application/json')) {
      throw new UnsupportedMediaTypeException(
        'Send the body as JSON with Content-Type: application/json',
      );
    }
    if (isPublic && changes) this.refuseCrossSite(req);
    const principal = await this.authenticate(req, isPublic !== undefined);
    if (principal) setPrincipal(req, principal);
    if (isPublic) return true;
    if (!principal) {
      throw new UnauthorizedException('Sign in first: this API needs a session or an API token');
    }
    if (principal.kind === 'user' && !SAFE_METHODS.has(req.method)) checkCsrf(req, principal);
    const need =
      this.reflector.getAllAndOverride<Role | undefined>(ROLES_KEY, targets) ??
      (SAFE_METHODS.has(req.method) ? 'viewer' : 'admin');
    if (!roleAllows(principal.role, need)) {
      throw new ForbiddenException(`This needs the ${need} role; you are ${principal.role}`);
    }
    if (
      principal.kind === 'user' &&
      this.totp.mustEnrol(principal.userId) &&
      !this.reflector.getAllAndOverride<boolean>(BEFORE_TOTP_KEY, targets)
    ) {
      throw new ForbiddenException({
        message:
          'Your admin requires two-factor sign-in: set it up first (user menu, Two-factor sign-in)',
        reason: 'totp-setup-required',
      });
    }
    return true;
  }

  /**
   * Public writes (sign-in, setup) carry no CSRF token; a browser says where they come from, and
   * only the console's own pages (or configured CORS origins) may send them.
   */
  private refuseCrossSite(req: Request): void {
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    const foreignOrigin =
      origin !== undefined &&
      !this.config.auth.corsOrigins.includes(origin) &&
      hostOf(origin) !== req.headers.host;
    if (site === 'cross-site' || foreignOrigin) {
      throw new ForbiddenException(
        'This request came from another site: sign in from the console itself',
      );
    }
  }

  private async authenticate(req: Request, isPublic: boolean): Promise<Principal | undefined> {
    const header = req.headers.authorization;
    if (header !== undefined) {
      const bearer = /^Bearer\s+(\S{1,200})\s*$/i.exec(header)?.[1];
      const row = bearer ? await this.tokens.verify(bearer) : null;
      if (row) return { kind: 'token', tokenId: row.id, name: row.name, role: row.role };
      if (!isPublic)
        throw new UnauthorizedException('The API token is unknown, expired or revoked');
      return undefined;
    }
    const cookie = sessionCookieOf(req);
    const session = cookie ? await this.sessions.resolve(cookie) : null;
    if (!session) return undefined;
    return {
      kind: 'user',
      userId: session.user.id,
      username: session.user.username,
      role: session.user.role,
      sessionIdHash: session.idHash,
      csrfToken: session.csrfToken,
      sessionCreatedAt: session.createdAt,
    };
  }
}

function checkCsrf(req: Request, principal: Extract<Principal, { kind: 'user' }>): void {
  const sent = req.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !safeEqual(sent, principal.csrfToken)) {
    throw new ForbiddenException(
      'CSRF token missing or wrong: send the csrfToken from /api/auth/me as header X-CSRF-Token',
    );
  }
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/** A body with bytes in it (type-is counts `Content-Length: 0` as a body). */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
