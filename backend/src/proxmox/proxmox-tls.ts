import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { ProxmoxConnectionOptions } from './proxmox.types.js';

/** '80d4f2…' / '80:d4:…' / 'sha256 80-D4-…' -> '80:D4:F2:…' (upper-case hex pairs joined by ':'). */
export function normalizeFingerprint(fp: string): string {
  const hex = fp
    .trim()
    .replace(/^sha-?256\s*[:=]?\s*/i, '')
    .replace(/[^0-9a-fA-F]/g, '')
    .toUpperCase();
  if (hex.length !== 64) {
    throw new Error('a SHA-256 fingerprint has 32 bytes (64 hex digits)');
  }
  return hex.match(/../g)!.join(':');
}

/** Raised before any request byte is written, when the server's certificate is not the pinned one. */
export class FingerprintMismatchError extends Error {
  readonly code = 'ERR_PROXMOX_FINGERPRINT_MISMATCH';

  constructor(
    readonly expected: string,
    readonly presented: string | undefined,
  ) {
    super(
      `TLS fingerprint mismatch: expected ${expected}, server presented ${presented ?? 'none'}`,
    );
    this.name = 'FingerprintMismatchError';
  }
}

const IDLE_SOCKET_MS = 4_000;
/** Error code of a TCP/TLS connect that did not finish within the client's timeout. */
export const CONNECT_TIMEOUT = 'ERR_PROXMOX_CONNECT_TIMEOUT';

type ConnectCallback = (err: Error | null, stream: Duplex) => void;

/**
 * Verification by pin, not by CA (PVE's self-signed node certificates). The socket is handed to
 * the HTTP layer only after the pin matched, so no request bytes (and no token) can ever reach
 * an unpinned server: http.Agent waits for the callback form of createConnection. Chain checks
 * are off for these sockets only because the pin replaces them.
 */
class PinnedAgent extends https.Agent {
  constructor(
    private readonly pin: string,
    private readonly connectTimeoutMs: number,
    options: https.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: https.RequestOptions, callback?: ConnectCallback): undefined {
    const socket = tls.connect({
      ...(options as tls.ConnectionOptions),
      rejectUnauthorized: false,
    });
    let settled = false;
    const settle = (err: Error | null): void => {
      if (settled) {
        return;
      }
      settled = true;
      socket.setTimeout(0);
      if (err) {
        socket.destroy();
      }
      callback?.(err, socket);
    };
    // stays attached: an error right after hand-over must not go unhandled before http listens
    socket.on('error', (err: Error) => settle(err));
    socket.setTimeout(this.connectTimeoutMs, () => {
      // the API endpoint itself did not connect: unreachable, not a slow node behind it
      settle(Object.assign(new Error('TLS connect timed out'), { code: CONNECT_TIMEOUT }));
    });
    socket.once('secureConnect', () => {
      const presented = socket.getPeerCertificate()?.fingerprint256;
      const matches = presented !== undefined && safeNormalize(presented) === this.pin;
      settle(matches ? null : new FingerprintMismatchError(this.pin, presented || undefined));
    });
    return undefined;
  }
}

function safeNormalize(fp: string): string | undefined {
  try {
    return normalizeFingerprint(fp);
  } catch {
    return undefined;
  }
}

export interface TlsLog {
  warn(msg: string): void;
}

/**
 * One keep-alive agent per client, built once. Precedence: pinned fingerprint, then
 * insecure opt-out, then a given CA bundle or the system CAs (hostname checked as usual).
 */
export function createProxmoxAgent(options: ProxmoxConnectionOptions, log: TlsLog): https.Agent {
  // no session resumption: every new connection presents (and is checked against) its certificate;
  // idle sockets are dropped after 4 s so a write never lands on one pveproxy has already closed
  const base: https.AgentOptions = {
    keepAlive: true,
    maxSockets: 8,
    maxCachedSessions: 0,
    timeout: IDLE_SOCKET_MS,
  };
  if (options.fingerprint) {
    if (options.insecure || options.ca) {
      log.warn('Proxmox TLS: a fingerprint is pinned, so `insecure` and `ca` are ignored');
    }
    const pin = normalizeFingerprint(options.fingerprint);
    return new PinnedAgent(pin, options.timeoutMs ?? 15_000, base);
  }
  if (options.insecure) {
    log.warn(
      `Proxmox TLS verification is DISABLED for ${options.baseUrl} (insecure: true); ` +
        'pin the node fingerprint or give its CA instead',
    );
    return new https.Agent({ ...base, rejectUnauthorized: false });
  }
  return new https.Agent({ ...base, rejectUnauthorized: true, ca: options.ca });
}
