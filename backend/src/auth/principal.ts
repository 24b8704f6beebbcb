import type { Request } from 'express';
import type { Role } from '../users/roles.js';

/** Who made a request: a signed-in user (cookie session) or an API token. */
export type Principal =
  | {
      kind: 'user';
      userId: number;
      username: string;
      role: Role;
      sessionIdHash: string;
      csrfToken: string;
      sessionCreatedAt: number;
    }
  | { kind: 'token'; tokenId: number; name: string; role: Role };

const PRINCIPAL = Symbol('principal');
type WithPrincipal = Request & { [PRINCIPAL]?: Principal };

export function setPrincipal(req: Request, principal: Principal): void {
  (req as WithPrincipal)[PRINCIPAL] = principal;
}

export function getPrincipal(req: Request): Principal | undefined {
  return (req as WithPrincipal)[PRINCIPAL];
}

/** The name the activity log records: the username, or `token:<name>` for automation. */
export function actorOf(principal: Principal): string {
  return principal.kind === 'user' ? principal.username : `token:${principal.name}`;
}
