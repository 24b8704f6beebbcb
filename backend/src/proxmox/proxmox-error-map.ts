import { ProxmoxError, type ProxmoxErrorDetails } from './proxmox.errors.js';
import { CONNECT_TIMEOUT, FingerprintMismatchError } from './proxmox-tls.js';

/** What we know about a failed HTTP answer; `message` already prefers the body over the reason. */
export interface PveHttpFailure {
  status: number;
  message: string;
  fieldErrors?: Record<string, string>;
  /** the node the request was aimed at (for 59x: the node pveproxy could not reach) */
  node?: string;
}

const PERMISSION = /Permission check failed \((\/[^,()]*), ([^()]+)\)/;
const LOCKED = /is locked \(([^)]+)\)/;
const FILE_LOCK_TIMEOUT = /can't lock file .* got timeout/;
const CONFLICT =
  /already running|not running|already exists|container is running|is running|detected modified configuration|protection mode enabled|already used|unable to shrink|already at specified size/i;
const NOT_FOUND = /does not exist|no such |not found/i;

/** Maps a PVE error answer (status + message) to a typed error, most specific rule first. */
export function mapHttpFailure(failure: PveHttpFailure): ProxmoxError {
  const { status, message, node } = failure;
  const details: ProxmoxErrorDetails = { status };
  if (isProxyFailure(status)) {
    return new ProxmoxError('unreachable', nodeText(node, message), { ...details, node });
  }
  if (status === 401) {
    return new ProxmoxError('auth', `authentication failed: ${message}`, details);
  }
  if (status === 403) {
    const match = PERMISSION.exec(message);
    const extra = match ? { path: match[1].trim(), privilege: match[2].trim() } : {};
    return new ProxmoxError('permission', message, { ...details, ...extra });
  }
  if (status === 400 && (failure.fieldErrors || !NOT_FOUND.test(message))) {
    return new ProxmoxError('invalid', invalidText(message, failure.fieldErrors), {
      ...details,
      fieldErrors: failure.fieldErrors ?? {},
    });
  }
  return mapByMessage(status, message, details);
}

function mapByMessage(status: number, message: string, details: ProxmoxErrorDetails): ProxmoxError {
  const lock = LOCKED.exec(message);
  if (lock) {
    return new ProxmoxError('locked', message, { ...details, lock: lock[1] });
  }
  if (FILE_LOCK_TIMEOUT.test(message)) {
    return new ProxmoxError('locked', message, details);
  }
  if (status === 404 || NOT_FOUND.test(message)) {
    return new ProxmoxError('not-found', message, details);
  }
  if (CONFLICT.test(message)) {
    return new ProxmoxError('conflict', message, details);
  }
  return new ProxmoxError('upstream', `Proxmox answered ${status}: ${message}`, details);
}

/**
 * pveproxy forwards a call for another node with AnyEvent::HTTP (PVE::APIServer::AnyEvent::
 * proxy_request, `timeout => 30`) and passes on its status: 595 connect failed or timed out, 596
 * TLS/request/header failure, 597 body failure, 599 other. Each means that node, not the cluster.
 */
export function isProxyFailure(status: number): boolean {
  return status >= 595 && status <= 599;
}

function nodeText(node: string | undefined, message: string): string {
  const who = node ? `node '${node}'` : 'the Proxmox node';
  return `${who} is unreachable through the cluster (${message})`;
}

function invalidText(message: string, fieldErrors?: Record<string, string>): string {
  const fields = Object.entries(fieldErrors ?? {}).map(([key, text]) => `${key}: ${text.trim()}`);
  return fields.length ? `${message} ${fields.join('; ')}` : message;
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EPIPE',
  CONNECT_TIMEOUT,
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);
const UNTRUSTED_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

interface ErrorLike {
  code?: string;
  message?: string;
  cause?: unknown;
  errors?: unknown[];
}

/** Every code in an error, its causes and (for dual-stack connects) its AggregateError parts. */
function collectCodes(
  error: unknown,
  depth = 0,
): { codes: string[]; pin?: FingerprintMismatchError } {
  if (!error || typeof error !== 'object' || depth > 4) {
    return { codes: [] };
  }
  if (error instanceof FingerprintMismatchError) {
    return { codes: [error.code], pin: error };
  }
  const { code, cause, errors } = error as ErrorLike;
  const nested = [cause, ...(Array.isArray(errors) ? errors : [])].map((e) =>
    collectCodes(e, depth + 1),
  );
  return {
    codes: [...(code ? [code] : []), ...nested.flatMap((n) => n.codes)],
    pin: nested.find((n) => n.pin)?.pin,
  };
}

/** Codes of a connection that was never established: no request byte can have left. */
const NOT_CONNECTED_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  CONNECT_TIMEOUT,
]);

/** True when a transport failure happened before the request could be sent (safe to resend). */
export function failedBeforeSending(error: unknown): boolean {
  return collectCodes(error).codes.some((code) => NOT_CONNECTED_CODES.has(code));
}

/** Maps a failure without an HTTP answer (socket, DNS, TLS, timeout) to a typed error. */
export function mapTransportFailure(
  error: unknown,
  target: string,
  timedOut: boolean,
): ProxmoxError {
  const { codes, pin } = collectCodes(error);
  if (pin) {
    return new ProxmoxError('tls', `${target}: ${pin.message}`, {
      reason: 'fingerprint-mismatch',
      presentedFingerprint: pin.presented,
    });
  }
  const untrusted = codes.find((code) => UNTRUSTED_CODES.has(code));
  if (untrusted) {
    return new ProxmoxError('tls', `${target}: certificate not trusted (${untrusted})`, {
      reason: 'untrusted',
    });
  }
  const handshake = codes.find((code) => code.startsWith('ERR_SSL_') || code === 'EPROTO');
  if (handshake) {
    return new ProxmoxError('tls', `${target}: TLS handshake failed (${handshake})`, {
      reason: 'handshake',
    });
  }
  const unreachable = codes.find((code) => UNREACHABLE_CODES.has(code));
  if (unreachable === CONNECT_TIMEOUT) {
    return new ProxmoxError('unreachable', `${target}: cannot connect (connect timed out)`);
  }
  if (timedOut || codes.some((code) => TIMEOUT_CODES.has(code))) {
    return new ProxmoxError('timeout', `${target}: no answer in time`);
  }
  if (unreachable) {
    return new ProxmoxError('unreachable', `${target}: cannot connect (${unreachable})`);
  }
  return new ProxmoxError('upstream', `${target}: request failed (${codes[0] ?? 'unknown error'})`);
}
