import type { CookieOptions, Request, Response } from 'express';
import type { AuthConfig } from '../config/app-config.js';

export const SESSION_COOKIE = 'proxicloud_session';
export const CSRF_HEADER = 'x-csrf-token';

function cookieOptions(req: Request, config: AuthConfig): CookieOptions {
  const secure = config.secureCookies === 'auto' ? req.secure : config.secureCookies === 'always';
  return { httpOnly: true, sameSite: 'strict', secure, path: '/' };
}

export function setSessionCookie(
  req: Request,
  res: Response,
  config: AuthConfig,
  value: string,
  maxAgeMs: number,
): void {
  res.cookie(SESSION_COOKIE, value, { ...cookieOptions(req, config), maxAge: maxAgeMs });
}

export function clearSessionCookie(req: Request, res: Response, config: AuthConfig): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(req, config));
}

export function sessionCookieOf(req: Request): string | undefined {
  const cookies = (req as { cookies?: Record<string, unknown> }).cookies;
  const value: unknown = cookies?.[SESSION_COOKIE];
  return typeof value === 'string' && value.length > 0 && value.length <= 128 ? value : undefined;
}
