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

/** What the console's own cookies look like (base64url); nothing for cookie-parser to decode. */
const PLAIN_SESSION_VALUE = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * The session cookie from a raw Cookie header, for code that runs before cookie-parser. Like
 * cookie-parser, the first occurrence wins; any value cookie-parser would transform (quoted,
 * %-encoded, j: JSON) gives undefined, so the caller falls back to the parsed path.
 */
export function plainSessionCookieOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || trimSpaces(pair.slice(0, eq)) !== SESSION_COOKIE) continue;
    const value = trimSpaces(pair.slice(eq + 1));
    return PLAIN_SESSION_VALUE.test(value) ? value : undefined;
  }
  return undefined;
}

/** Spaces and tabs only, as the `cookie` parser trims (String.trim would take \xa0 as well). */
function trimSpaces(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, '');
}
