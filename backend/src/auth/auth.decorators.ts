import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Role } from '../users/roles.js';
import { getPrincipal, type Principal } from './principal.js';

export const ROLES_KEY = 'proxicloud:roles';
export const PUBLIC_KEY = 'proxicloud:public';
export const BEFORE_TOTP_KEY = 'proxicloud:before-totp';
/** Marks public operations in the OpenAPI document; buildOpenApiDocument drops their security. */
export const PUBLIC_EXTENSION = 'x-public';

export interface PublicOptions {
  /** What an anonymous caller sees instead of the full answer (e.g. health without details). */
  anonymousView?: (body: unknown) => unknown;
}

/** The least role a route needs. Without it: viewer for GET, admin for anything else. */
export const Roles = (role: Role): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, role);

/**
 * A route an account may use while admins require two-factor sign-in and it has none yet (the
 * guard answers 403 everywhere else until it is set up).
 */
export const BeforeTotpSetup = (): MethodDecorator => SetMetadata(BEFORE_TOTP_KEY, true);

/** A route anyone may call, signed in or not. */
export function Public(options: PublicOptions = {}): MethodDecorator {
  return applyDecorators(SetMetadata(PUBLIC_KEY, options), ApiExtension(PUBLIC_EXTENSION, true));
}

/** The authenticated caller; only on routes behind the guard. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => {
    const principal = getPrincipal(ctx.switchToHttp().getRequest<Request>());
    if (!principal) throw new UnauthorizedException('Sign in first');
    return principal;
  },
);
