import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';

/**
 * I-3: `auth.allowed_hosts`, the names the console answers to. A page on another site whose name
 * an attacker re-points at the console's address (DNS rebinding) reaches it with its own name in
 * the Host header; with a list set, such requests are refused before any route runs.
 *
 * Entries are host names (`proxicloud.lan`), `*.` wildcards for any subdomain (`*.lan`), IPv4 or
 * IPv6 addresses (brackets optional); ports are ignored. Loopback names always pass: a browser
 * sends them only when it was pointed at the console's own host (the installer's checks do).
 */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);
const HOST_NAME = /^(\*\.)?[a-z0-9_](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9_](?:[a-z0-9_-]{0,62}))*$/;
/** Longer Host headers are no host name (DNS names are at most 253 characters). */
const MAX_HOST = 260;

/** An entry as matched: lower case, no trailing dot, IPv6 without brackets. */
function normaliseEntry(entry: string): string {
  const e = entry.trim().toLowerCase().replace(/\.$/, '');
  return e.startsWith('[') && e.endsWith(']') ? e.slice(1, -1) : e;
}

/** The config check: an error text naming the bad entries, or undefined. */
export function checkAllowedHosts(value: string): string | undefined {
  const bad = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => {
      if (!e) return false;
      const n = normaliseEntry(e);
      return isIP(n) === 0 && !HOST_NAME.test(n);
    });
  return bad.length
    ? `has entries that are no host name, *.domain or address (no ports or schemes): ${bad.join(', ')}`
    : undefined;
}

/** The host of a Host header: lower case, no port, no trailing dot, IPv6 without brackets. */
export function hostOf(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  return h.replace(/:\d*$/, '').replace(/\.$/, '');
}

/** Whether a request with this Host header may be served; an empty list allows every host. */
export function hostAllowed(header: string | undefined, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  if (!header || header.length > MAX_HOST) return false;
  const host = hostOf(header);
  if (LOOPBACK.has(host)) return true;
  return allowed.some((entry) => {
    const e = normaliseEntry(entry);
    if (!e.startsWith('*.')) return host === e;
    const suffix = e.slice(1);
    return host.endsWith(suffix) && host.length > suffix.length && isIP(host) === 0;
  });
}

/** The answer to a refused host, in the API's error shape; null when the host may be served. */
export function hostRefusal(header: string | undefined, allowed: readonly string[]) {
  if (hostAllowed(header, allowed)) return null;
  const shown = header ? `'${header.slice(0, 64)}'` : '(none)';
  return {
    statusCode: 421,
    error: 'Misdirected Request',
    message: `This console does not answer to the host name ${shown}: open it at one of the names in auth.allowed_hosts (PROXICLOUD_ALLOWED_HOSTS)`,
  };
}

/** Express middleware: 421 for a Host header that is not in the list. */
export function allowedHosts(allowed: readonly string[]) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const refusal = hostRefusal(req.headers.host, allowed);
    if (!refusal) return next();
    const body = JSON.stringify(refusal);
    res.statusCode = refusal.statusCode;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(body);
  };
}
