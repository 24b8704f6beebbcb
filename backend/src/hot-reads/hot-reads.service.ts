import {
  IncomingMessage,
  type OutgoingHttpHeaders,
  type RequestListener,
  type Server,
  ServerResponse,
} from 'node:http';
import { Socket } from 'node:net';
import { Injectable, Logger } from '@nestjs/common';
import { plainSessionCookieOf } from '../auth/session-cookie.js';
import { SessionsService } from '../auth/sessions.service.js';
import { dataAgeSeconds } from '../cache/cache-headers.interceptor.js';
import { type ClusterSnapshot, ClusterStateService } from '../cache/cluster-state.service.js';
import { toContainerList } from '../containers/container-list.js';
import { PrometheusService } from '../metrics/prometheus.service.js';
import { roleAllows } from '../users/roles.js';

/** A read answered from the in-memory cluster state, identical to the controller's answer. */
interface HotRoute {
  /** the exact request URL, query string included: anything else takes the framework's path */
  url: string;
  render(snapshot: Readonly<Omit<ClusterSnapshot, 'cache'>>): unknown;
}

const HOT_ROUTES: readonly HotRoute[] = [
  { url: '/api/containers', render: (snapshot) => toContainerList(snapshot) },
];

interface HotAnswer {
  route: string;
  body: Buffer;
  /** epoch ms of the snapshot, for X-Data-Age */
  fetchedAt: number;
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * The UI polls the container list every few seconds, and most of the time the answer is the
 * serialized cluster state it already sent. Such a request is answered here, before Express and
 * Nest: the same session check (read-only), the same security and cache headers, the same bytes,
 * serialized once per cluster snapshot. Anything this path cannot answer exactly as the framework
 * would (another URL or method, a token, a session due for its lastSeenAt write, no current
 * snapshot, CORS) goes to the framework unchanged.
 */
@Injectable()
export class HotReadsService {
  private readonly logger = new Logger(HotReadsService.name);
  private readonly bodies = new WeakMap<object, Map<string, Buffer>>();
  private fixedHeaders: string[] = [];
  private warnedAt = 0;

  constructor(
    private readonly sessions: SessionsService,
    private readonly cluster: ClusterStateService,
    private readonly prometheus: PrometheusService,
  ) {}

  /** Put the hot reads in front of the server's request listeners (the Express app). */
  install(server: Server, securityHeaders: Middleware): void {
    this.fixedHeaders = Object.entries({
      ...headersSetBy(securityHeaders),
      'content-type': 'application/json; charset=utf-8',
      'x-cache-status': 'HIT',
    }).flatMap(([name, value]) => [name, String(value)]);
    const framework = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (this.tryServe(req, res)) return;
      for (const listener of framework) listener(req, res);
    });
  }

  /** Answers the request and returns true, or returns false having touched nothing. */
  tryServe(req: IncomingMessage, res: ServerResponse): boolean {
    const started = process.hrtime.bigint();
    const answer = this.answerFor(req);
    if (!answer) return false;
    // a flat [name, value, ...] list: Node writes it as it is, with no header object to build
    res.writeHead(200, [
      ...this.fixedHeaders,
      'content-length',
      String(answer.body.length),
      'x-data-age',
      String(dataAgeSeconds(answer.fetchedAt)),
    ]);
    res.end(answer.body);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    this.prometheus.observeRequest('GET', answer.route, 200, seconds);
    return true;
  }

  /**
   * The answer to send, or undefined to leave the request to the framework. It must not throw: a
   * throw would escape the server's request event and end the process (a SQLite error in the
   * session lookup, say), so the framework, whose error handling answers it, gets the request.
   */
  private answerFor(req: IncomingMessage): HotAnswer | undefined {
    try {
      const route = req.method === 'GET' ? HOT_ROUTES.find((r) => r.url === req.url) : undefined;
      if (!route || !this.signedIn(req)) return undefined;
      const snapshot = this.cluster.current();
      if (!snapshot) return undefined;
      return {
        route: route.url,
        body: this.bodyOf(route, snapshot),
        fetchedAt: snapshot.fetchedAt,
      };
    } catch (error) {
      // every poll of every open page would log it: once a minute is enough
      if (Date.now() - this.warnedAt >= 60_000) {
        this.warnedAt = Date.now();
        this.logger.warn(`hot reads left to the framework: ${(error as Error).message}`);
      }
      return undefined;
    }
  }

  private signedIn(req: IncomingMessage): boolean {
    const cookieHeader = plainCookieHeader(req.rawHeaders);
    const cookie = cookieHeader === false ? undefined : plainSessionCookieOf(cookieHeader);
    const role = cookie && this.sessions.liveRoleWithoutWrite(cookie);
    return !!role && roleAllows(role, 'viewer');
  }

  private bodyOf(route: HotRoute, snapshot: Readonly<Omit<ClusterSnapshot, 'cache'>>): Buffer {
    let perRoute = this.bodies.get(snapshot);
    if (!perRoute) this.bodies.set(snapshot, (perRoute = new Map<string, Buffer>()));
    let body = perRoute.get(route.url);
    if (!body)
      perRoute.set(route.url, (body = Buffer.from(JSON.stringify(route.render(snapshot)))));
    return body;
  }
}

/** Request headers the framework's middleware acts on: a body, a token, a cross-origin caller. */
const NOT_PLAIN = new Set(['authorization', 'origin', 'content-length', 'transfer-encoding']);

/**
 * The Cookie header of a request with none of the NOT_PLAIN headers, read from the raw list (Node
 * builds req.headers lazily, and this path never needs the rest); false when one of them is there
 * or Cookie comes more than once.
 */
export function plainCookieHeader(raw: string[]): string | undefined | false {
  let cookie: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (NOT_PLAIN.has(name)) return false;
    if (name !== 'cookie') continue;
    if (cookie !== undefined) return false;
    cookie = raw[i + 1];
  }
  return cookie;
}

/** The headers a middleware sets on every answer (helmet's are the same for every request). */
export function headersSetBy(middleware: Middleware): OutgoingHttpHeaders {
  const req = new IncomingMessage(new Socket());
  const res = new ServerResponse(req);
  middleware(req, res, () => undefined);
  return res.getHeaders();
}
