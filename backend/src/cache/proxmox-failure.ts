import { ProxmoxError } from '../proxmox/proxmox.errors.js';

/** Why the console lost Proxmox as a whole (as opposed to one node or one call). */
export type OfflineReason = 'unreachable' | 'tls' | 'auth' | 'timeout';

const OFFLINE_CODES: ReadonlySet<string> = new Set<OfflineReason>([
  'unreachable',
  'tls',
  'auth',
  'timeout',
]);

/** pveproxy answers 595/596/599 when the node it proxies to is down: Proxmox itself is fine. */
const NODE_DOWN_STATUS = new Set([595, 596, 599]);

/** A read that did not finish before the caller's deadline; the fetch itself goes on. */
export class ReadDeadlineError extends Error {
  constructor(ms: number) {
    super(`no answer from Proxmox within ${ms} ms`);
    this.name = 'ReadDeadlineError';
  }
}

/** The node a failed call was proxied to, when pveproxy said that node is unreachable. */
export function unreachableNode(error: unknown): string | undefined {
  if (!(error instanceof ProxmoxError) || error.code !== 'unreachable') return undefined;
  if (!NODE_DOWN_STATUS.has(error.details.status ?? 0)) return undefined;
  return error.details.node ?? error.details.reason ?? 'unknown';
}

/** The failure when it means the console cannot talk to Proxmox at all. */
export function connectionFailure(error: unknown): ProxmoxError | undefined {
  if (!(error instanceof ProxmoxError) || !OFFLINE_CODES.has(error.code)) return undefined;
  return unreachableNode(error) ? undefined : error;
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
