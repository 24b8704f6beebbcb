import type { Cluster } from '../cluster/cluster.js';
import type { PveRelease } from '../cluster/release.js';
import type { TaskManager } from '../cluster/tasks.js';
import type { TerminalSessions } from '../handlers/lxc-terminal.js';
import type { ApiEndpoint } from '../schema/index.js';
import type { Authenticator } from './auth.js';
import type { FaultState } from './faults.js';
import { hasPrivilege, type Principal } from './principal.js';

/** Everything a handler may touch. */
export interface SimContext {
  cluster: Cluster;
  /** the PVE release played (/version, RRD layout, schema differences) */
  release: PveRelease;
  tasks: TaskManager;
  /** termproxy sessions (POST .../termproxy, GET .../vncwebsocket) */
  terminals: TerminalSessions;
  auth: Authenticator;
  faults: FaultState;
  aplinfo: Record<string, unknown>[];
  fingerprint(): string;
  /** Wall clock, epoch seconds (fractional). */
  nowSec(): number;
  /** The last pvestatd tick, epoch seconds: live metrics are sampled here. */
  sampleSec(): number;
}

export interface RequestContext {
  sim: SimContext;
  endpoint: ApiEndpoint;
  values: Record<string, unknown>;
  principal: Principal;
}

export type Handler = (ctx: RequestContext) => unknown;

/** A failure PVE reports with a status, the message in the reason phrase and optional `errors`. */
export class PveError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Record<string, string>,
  ) {
    super(message);
  }
}

/** A reply with envelope keys besides `data` (e.g. `total` on task logs). */
export class Reply {
  constructor(
    readonly data: unknown,
    readonly extra: Record<string, unknown>,
  ) {}
}

/** `data` already serialised to JSON, for large answers served many times from a cache. */
export class RawJson {
  constructor(readonly json: string) {}
}

export function permissionError(path: string, privs: string[]): PveError {
  return new PveError(403, `Permission check failed (${path}, ${privs.join('|')})`);
}

/** Throws 403 unless the principal holds one (`any`) or all of `privs` on `path`. */
export function requirePrivs(p: Principal, path: string, privs: string[], any = false): void {
  const ok = any
    ? privs.some((x) => hasPrivilege(p, path, x))
    : privs.every((x) => hasPrivilege(p, path, x));
  if (ok) return;
  const missing = any ? privs : privs.filter((x) => !hasPrivilege(p, path, x));
  throw permissionError(path, missing);
}

export function paramVmid(ctx: RequestContext): number {
  return Number(ctx.values.vmid);
}

/** A validated parameter value as text (values are strings, numbers or booleans). */
export function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v) ?? '';
}

export function paramString(ctx: RequestContext, key: string): string | undefined {
  const v = ctx.values[key];
  return v === undefined ? undefined : asText(v);
}

export function paramBool(ctx: RequestContext, key: string): boolean {
  const v = ctx.values[key];
  return v === true || v === 1 || v === '1';
}
