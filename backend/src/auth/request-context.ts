import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { actorOf, getPrincipal } from './principal.js';

const requests = new AsyncLocalStorage<Request>();

/**
 * Express middleware that makes the current request reachable from services (the activity log
 * records who acted without every service signature carrying the caller).
 */
export function requestContext(req: Request, _res: Response, next: NextFunction): void {
  requests.run(req, next);
}

/** The actor of the request being served, or undefined outside a request or before sign-in. */
export function currentActor(): string | undefined {
  const req = requests.getStore();
  const principal = req && getPrincipal(req);
  return principal && actorOf(principal);
}

/** The address of the request being served, or undefined outside a request. */
export function currentAddress(): string | undefined {
  const req = requests.getStore();
  return req && clientIp(req);
}

/** The caller's address as Express sees it (X-Forwarded-For counts from trusted proxies only). */
export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
