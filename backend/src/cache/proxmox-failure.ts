import { isProxyFailure } from '../proxmox/proxmox-error-map.js';
import { ProxmoxError } from '../proxmox/proxmox.errors.js';

/** Why the console lost Proxmox as a whole (as opposed to one node or one call). */
export type OfflineReason = 'unreachable' | 'tls' | 'auth' | 'timeout';

const OFFLINE_CODES: ReadonlySet<string> = new Set<OfflineReason>([
  'unreachable',
  'tls',
  'auth',
  'timeout',
]);

/** A read that did not finish before the caller's deadline; the fetch itself goes on. */
export class ReadDeadlineError extends Error {
  constructor(ms: number) {
    super(`no answer from Proxmox within ${ms} ms`);
    this.name = 'ReadDeadlineError';
  }
}

/**
 * The node a failed call was about, when the failure is that node's rather than the cluster's:
 * pveproxy answered 59x for it (it could not reach the node), or a call about that node timed out
 * (the client waits longer than pveproxy's 30 s, so the node or its pveproxy hangs).
 * @param node the node the call named, when the error does not carry it
 */
export function unreachableNode(error: unknown, node?: string): string | undefined {
  if (!(error instanceof ProxmoxError)) return undefined;
  const target = error.details.node ?? node;
  if (error.code === 'unreachable' && isProxyFailure(error.details.status ?? 0)) {
    return target ?? error.details.reason ?? 'unknown';
  }
  return error.code === 'timeout' ? target : undefined;
}

/** The failure when it means the console cannot talk to Proxmox at all. */
export function connectionFailure(error: unknown, node?: string): ProxmoxError | undefined {
  if (!(error instanceof ProxmoxError) || !OFFLINE_CODES.has(error.code)) return undefined;
  return unreachableNode(error, node) ? undefined : error;
}

/** Proxmox gave an HTTP answer (any status): the API endpoint itself is there. */
export function answeredByProxmox(error: unknown): boolean {
  return error instanceof ProxmoxError && error.details.status !== undefined;
}

/**
 * Reads may answer from the cache when Proxmox could not give a fresh answer: it is away, one
 * node is away, it answered 5xx, or it was too slow. A 403 or 404 is an answer and is never hidden.
 */
export function canServeStale(error: unknown): boolean {
  if (error instanceof ReadDeadlineError) return true;
  if (!(error instanceof ProxmoxError)) return false;
  return OFFLINE_CODES.has(error.code) || error.code === 'upstream';
}

/** Resolves like `work`, or rejects with ReadDeadlineError after `ms` (work keeps running). */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  if (ms <= 0) return Promise.reject(new ReadDeadlineError(0));
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ReadDeadlineError(ms)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
