import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { ReachabilityService } from '../cache/reachability.service.js';
import { conflict } from '../common/domain-errors.js';
import { HttpExceptionFilter } from '../common/http-exception.filter.js';
import { VmidPipe } from '../common/params.js';
import { hostRefusal } from '../auth/allowed-hosts.js';
import { SESSION_COOKIE } from '../auth/session-cookie.js';
import { SessionsService } from '../auth/sessions.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ContainersService } from '../containers/containers.service.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import type { TermProxySession } from '../proxmox/termproxy.js';
import { roleAllows } from '../users/roles.js';

export const TERMINAL_PATH = /^\/api\/containers\/([^/]+)\/terminal$/;

const STATUS_TEXT: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  421: 'Misdirected Request',
};

class UpgradeRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * GET /api/containers/{vmid}/terminal upgraded to a WebSocket: a terminal in the container through
 * PVE's termproxy. Refused before any data: a Host not in auth.allowed_hosts (421), an Origin other than the console's own (403), no
 * session cookie (401; API tokens cannot open terminals), a role below operator (403), an unknown
 * or stopped container (404/409), a token without VM.Console (403). The browser sends keystrokes
 * (text or binary frames) and resizes as a JSON text frame {"type":"resize","cols","rows"}; it
 * receives the terminal's bytes as binary frames.
 */
@Injectable()
export class TerminalGateway implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Terminal');
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly errors = new HttpExceptionFilter();
  private readonly open = new Set<WebSocket>();
  private server?: Server;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly sessions: SessionsService,
    private readonly containers: ContainersService,
    private readonly permissions: PermissionsService,
    private readonly proxmox: ProxmoxClient,
    private readonly reachability: ReachabilityService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    this.server.on('upgrade', this.onUpgrade);
  }

  onApplicationShutdown(): void {
    this.server?.off('upgrade', this.onUpgrade);
    for (const ws of this.open) ws.terminate();
    this.wss.close();
  }

  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = new URL(req.url ?? '/', 'http://console').pathname;
    const match = TERMINAL_PATH.exec(path);
    if (!match) return;
    void this.accept(req, socket, head, match[1]).catch((error: unknown) =>
      this.refuse(socket, error),
    );
  };

  private async accept(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    rawVmid: string,
  ): Promise<void> {
    const misdirected = hostRefusal(req.headers.host, this.config.auth.allowedHosts);
    if (misdirected) throw new UpgradeRefused(misdirected.statusCode, misdirected.message);
    checkOrigin(req);
    const cookie = sessionCookieFromHeader(req.headers.cookie);
    const session = cookie ? await this.sessions.resolve(cookie) : null;
    if (!session) throw new UpgradeRefused(401, 'Sign in first: the terminal needs a session');
    if (!roleAllows(session.user.role, 'operator'))
      throw new UpgradeRefused(
        403,
        `The terminal needs the operator role; you are ${session.user.role}`,
      );
    const vmid = new VmidPipe().transform(rawVmid);
    this.reachability.assertWritable();
    const guest = await this.containers.locate(vmid);
    this.reachability.assertNodeWritable(guest.node);
    if (guest.status !== 'running')
      throw conflict(`CT ${vmid} is ${guest.status}; start it to open a terminal`, 'status');
    await this.permissions.assertGranted([{ path: `/vms/${vmid}`, privileges: ['VM.Console'] }]);
    const { session: term, rest } = await this.proxmox.openTerminal(guest.node, vmid);
    if (socket.destroyed) {
      term.close();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.relay(ws, term, rest);
      this.logger.log(`terminal on CT ${vmid} opened by ${session.user.username}`);
    });
  }

  private relay(ws: WebSocket, term: TermProxySession, first: Buffer): void {
    this.open.add(ws);
    if (first.length) ws.send(first, { binary: true });
    term.onData((data) => {
      if (ws.readyState === ws.OPEN) ws.send(data, { binary: true });
    });
    term.onClose(() => ws.close(1000, 'terminal closed'));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const bytes = Buffer.isBuffer(data)
        ? data
        : Array.isArray(data)
          ? Buffer.concat(data)
          : Buffer.from(data);
      if (!isBinary) {
        const resize = parseResize(bytes.toString('utf8'));
        if (resize) return term.resize(resize.cols, resize.rows);
      }
      term.write(bytes);
    });
    ws.on('close', () => {
      this.open.delete(ws);
      term.close();
    });
  }

  /** An HTTP error answer on the socket, in the API's error shape, before any upgrade. */
  private refuse(socket: Duplex, error: unknown): void {
    const body =
      error instanceof UpgradeRefused
        ? {
            statusCode: error.status,
            message: error.message,
            error: STATUS_TEXT[error.status] ?? 'Forbidden',
          }
        : this.errors.toBody(error);
    const text = JSON.stringify(body);
    if (!socket.writable) return void socket.destroy();
    socket.end(
      `HTTP/1.1 ${body.statusCode} ${body.error}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
}

/** The Origin must be this console (same host the browser connected to): no cross-site terminals. */
function checkOrigin(req: IncomingMessage): void {
  const origin = req.headers.origin;
  const host = req.headers.host;
  let originHost: string | undefined;
  try {
    originHost = origin ? new URL(origin).host : undefined;
  } catch {
    originHost = undefined;
  }
  if (!originHost || !host || originHost !== host)
    throw new UpgradeRefused(
      403,
      `Origin ${origin ?? '(none)'} is not this console; terminals open only from its own pages`,
    );
}

/** {"type":"resize","cols":N,"rows":M} with sane bounds, else undefined (plain input). */
export function parseResize(text: string): { cols: number; rows: number } | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const msg = JSON.parse(text) as { type?: unknown; cols?: unknown; rows?: unknown };
    const { cols, rows } = msg;
    if (
      msg.type === 'resize' &&
      Number.isInteger(cols) &&
      Number.isInteger(rows) &&
      (cols as number) > 0 &&
      (rows as number) > 0 &&
      (cols as number) <= 1000 &&
      (rows as number) <= 1000
    )
      return { cols: cols as number, rows: rows as number };
  } catch {
    // not JSON: keystrokes
  }
  return undefined;
}

/** The session cookie from a raw Cookie header (an upgrade request passes no cookie-parser). */
function sessionCookieFromHeader(header: string | undefined): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = pair.slice(eq + 1).trim();
    return /^[A-Za-z0-9_-]{1,128}$/.test(value) ? value : undefined;
  }
  return undefined;
}
