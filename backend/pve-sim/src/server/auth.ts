import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ScenarioUser } from '../cluster/scenario.js';
import type { PoolOf } from './pool-acl.js';
import type { Principal } from './principal.js';
import { toAcl, type Acl, type CustomRoles } from './privileges.js';

export interface TokenOption {
  tokenId: string;
  secret: string;
  privsep?: boolean;
  privileges?: Record<string, string[]>;
}

interface UserEntry {
  password?: string;
  acl: Acl;
}

interface TokenEntry {
  secret: string;
  privsep: boolean;
  acl: Acl;
}

export type AuthResult =
  | { kind: 'ok'; principal: Principal; via: 'token' | 'ticket' }
  | { kind: 'fail'; status: 401; message: string };

const TICKET_LIFETIME_SEC = 7200;

const hex8 = (n: number): string => n.toString(16).toUpperCase().padStart(8, '0');

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Users, API tokens and tickets, checked the way pve-access-control does. */
export class Authenticator {
  private readonly users = new Map<string, UserEntry>();
  private readonly tokens = new Map<string, TokenEntry>();
  private readonly key = randomBytes(32);
  private readonly tokenOnlyUsers = new Set<string>();

  constructor(
    users: ScenarioUser[],
    extraTokens: TokenOption[],
    private readonly nowSec: () => number,
    private readonly poolOf?: PoolOf,
    /** the scenario's custom roles (`pveum role add`) */
    private readonly roles: CustomRoles = {},
  ) {
    for (const u of users) {
      this.users.set(u.userid, { password: u.password, acl: toAcl(u.privileges, roles) });
      for (const t of u.tokens ?? []) {
        this.addToken({
          tokenId: `${u.userid}!${t.tokenid}`,
          secret: t.secret,
          privsep: t.privsep,
          privileges: t.privileges,
        });
      }
    }
    for (const t of extraTokens) this.addToken(t);
  }

  /** Every path an ACL of any user or token names (PVE::AccessControl::iterate_acl_tree). */
  aclPaths(): Set<string> {
    const paths = new Set<string>();
    for (const entry of [...this.users.values(), ...this.tokens.values()])
      for (const path of entry.acl.keys()) paths.add(path);
    return paths;
  }

  /** Replaces a token's privilege separation and ACL, keeping its secret (control API). */
  setTokenAcl(tokenId: string, privsep: boolean, privileges?: Record<string, string[]>): void {
    const entry = this.tokens.get(tokenId);
    if (!entry) throw new Error(`no such token '${tokenId}'`);
    this.tokens.set(tokenId, { secret: entry.secret, privsep, acl: toAcl(privileges, this.roles) });
    // a user made up for its token (see addToken) follows the token's rights
    const userid = tokenId.split('!')[0];
    if (this.tokenOnlyUsers.has(userid))
      this.users.set(userid, { acl: this.tokenUserAcl(privileges) });
  }

  private addToken(t: TokenOption): void {
    const userid = t.tokenId.split('!')[0];
    if (!this.users.has(userid)) {
      this.users.set(userid, { acl: this.tokenUserAcl(t.privileges) });
      this.tokenOnlyUsers.add(userid);
    }
    this.tokens.set(t.tokenId, {
      secret: t.secret,
      privsep: t.privsep ?? true,
      acl: toAcl(t.privileges, this.roles),
    });
  }

  /** A user made up for a token not in the scenario holds the token's grants (Administrator by default). */
  private tokenUserAcl(privileges: Record<string, string[]> | undefined): Acl {
    return toAcl(privileges ?? { '/': ['Administrator'] }, this.roles);
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64');
  }

  login(
    username: string,
    password: string,
  ): { ticket: string; csrf: string; userid: string } | undefined {
    const user = this.users.get(username);
    if (!user?.password || !safeEqual(user.password, password)) {
      const renewed = this.verifyTicket(password);
      if (renewed !== username) return undefined;
    }
    const ts = hex8(Math.floor(this.nowSec()));
    const plain = `PVE:${username}:${ts}`;
    return {
      ticket: `${plain}::${this.sign(plain)}`,
      csrf: this.csrfToken(username, ts),
      userid: username,
    };
  }

  private csrfToken(userid: string, ts: string): string {
    return `${ts}:${this.sign(`${ts}:${userid}`).replace(/=+$/, '')}`;
  }

  /** Returns the user id of a valid, unexpired ticket. */
  verifyTicket(ticket: string): string | undefined {
    const m = /^(PVE:([^:]+):([0-9A-F]{8}))::(.+)$/.exec(ticket);
    if (!m || !safeEqual(this.sign(m[1]), m[4])) return undefined;
    const age = this.nowSec() - parseInt(m[3], 16);
    return age >= -300 && age < TICKET_LIFETIME_SEC ? m[2] : undefined;
  }

  verifyCsrf(userid: string, token: string | undefined): boolean {
    const m = /^([0-9A-F]{8}):/.exec(token ?? '');
    if (!m || token === undefined) return false;
    const age = this.nowSec() - parseInt(m[1], 16);
    return age < TICKET_LIFETIME_SEC && safeEqual(this.csrfToken(userid, m[1]), token);
  }

  authenticate(headers: Record<string, string | string[] | undefined>, method: string): AuthResult {
    const auth = String(headers.authorization ?? '');
    const token = /^PVEAPIToken[= ]([^!=\s]+)!([^=\s]+)=(\S+)$/.exec(auth.trim());
    if (token) return this.byToken(`${token[1]}!${token[2]}`, token[3]);
    const ticket = cookieTicket(String(headers.cookie ?? '')) ?? cookieTicket(auth);
    if (!ticket) return { kind: 'fail', status: 401, message: 'No ticket' };
    const userid = this.verifyTicket(ticket);
    const user = userid ? this.users.get(userid) : undefined;
    if (!userid || !user) return { kind: 'fail', status: 401, message: 'authentication failure' };
    if (method !== 'GET' && !this.verifyCsrf(userid, headerValue(headers.csrfpreventiontoken))) {
      return { kind: 'fail', status: 401, message: 'Permission denied - invalid csrf token' };
    }
    const principal: Principal = { userid, userAcl: user.acl, poolOf: this.poolOf };
    return { kind: 'ok', via: 'ticket', principal };
  }

  /** The rights of a user or token id, for /access/permissions and the ticket's `cap`. */
  principalFor(id: string): Principal {
    const [userid, name] = id.split('!');
    const userAcl: Acl = this.users.get(userid)?.acl ?? new Map<string, Set<string>>();
    const token = name ? this.tokens.get(id) : undefined;
    const poolOf = this.poolOf;
    if (!token) return { userid, userAcl, poolOf };
    return token.privsep
      ? { userid, tokenid: id, userAcl, tokenAcl: token.acl, poolOf }
      : { userid, tokenid: id, userAcl, poolOf };
  }

  private byToken(tokenid: string, secret: string): AuthResult {
    const entry = this.tokens.get(tokenid);
    if (!entry || !safeEqual(entry.secret, secret)) {
      return { kind: 'fail', status: 401, message: 'authentication failure' };
    }
    const userid = tokenid.split('!')[0];
    const user = this.users.get(userid);
    const principal: Principal = {
      userid,
      tokenid,
      userAcl: user?.acl ?? new Map<string, Set<string>>(),
      poolOf: this.poolOf,
    };
    if (entry.privsep) principal.tokenAcl = entry.acl;
    return { kind: 'ok', via: 'token', principal };
  }
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function cookieTicket(text: string): string | undefined {
  const m = /(?:^|[;\s])PVEAuthCookie=([^;\s]+)/.exec(text);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return undefined;
  }
}
