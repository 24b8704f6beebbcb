import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { WebSocketAccept } from '../handlers/lxc-terminal.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { endpointFor } from '../cluster/release.js';
import { ROUTES } from '../handlers/routes.js';
import { getApiSchema, validateParameters, type ApiEndpoint } from '../schema/index.js';
import { PveError, RawJson, Reply, type SimContext } from './context.js';
import { fromSearchParams, parseBody, readBody, type WireParams } from './params.js';
import { checkEndpointPermissions } from './permissions.js';
import type { Principal } from './principal.js';
import { sendData, sendDataJson, sendError } from './respond.js';

export interface RequestRecord {
  method: string;
  path: string;
  params: WireParams;
  status: number;
  errors?: Record<string, string>;
  /** the port the request came in on (which node's pveproxy, with addListener) */
  port?: number;
}

const BASE = '/api2/json';
const SECRET_PARAMS = new Set(['password', 'ssh-public-keys']);

/** The request log is for tests and demos; it never keeps passwords. */
function redact(params: WireParams): WireParams {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, SECRET_PARAMS.has(k) ? '***' : v]),
  );
}
const REQUEST_LOG_LIMIT = 10_000;

/** pveproxy's answer for a node it could not reach, sent only after its proxy timeout. */
class ProxyFailure extends PveError {
  constructor(
    status: number,
    message: string,
    readonly delayMs: number,
  ) {
    super(status, message);
  }
}

/** TLS -> faults -> route -> auth -> proxy target -> parameters -> permissions -> handler. */
export class Pipeline {
  readonly requests: RequestRecord[] = [];
  private readonly schema = getApiSchema();
  // echoes the subprotocol the client asked for, as pve-http-server does
  private readonly upgrader = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => protocols.values().next().value ?? false,
  });

  constructor(
    private readonly sim: SimContext,
    private readonly authFailDelayMs: number,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'https://pve-sim');
    const record: RequestRecord = {
      method,
      path: url.pathname,
      params: {},
      status: 0,
      port: req.socket.localPort,
    };
    try {
      if (this.sim.faults.latencyMs > 0) await sleep(this.sim.faults.latencyMs);
      const body = await readBody(req);
      const params =
        method === 'GET' || method === 'DELETE'
          ? fromSearchParams(url.searchParams)
          : parseBody(body, req.headers['content-type']);
      record.params = redact(params);
      if ((method === 'GET' || method === 'DELETE') && body.length > 0) {
        throw new PveError(501, `Unexpected content for method '${method}'`);
      }
      const reply = this.dispatch(req, method, url.pathname, params);
      record.status = 200;
      if (reply instanceof WebSocketAccept) sendData(res, reply.data);
      else if (reply instanceof Reply) sendData(res, reply.data, reply.extra);
      else if (reply instanceof RawJson) sendDataJson(res, reply.json);
      else sendData(res, reply);
    } catch (err) {
      const e = err instanceof PveError ? err : new PveError(500, (err as Error).message);
      record.status = e.status;
      if (e.errors) record.errors = e.errors;
      if (e.status === 401) await sleep(Math.max(0, started + this.authFailDelayMs - Date.now()));
      if (e instanceof ProxyFailure) await sleep(e.delayMs, undefined, { ref: false });
      if (!res.headersSent) sendError(res, e.status, e.message, e.errors);
    }
    this.requests.push(record);
    if (this.requests.length > REQUEST_LOG_LIMIT)
      this.requests.splice(0, this.requests.length - REQUEST_LOG_LIMIT);
  }

  /**
   * A websocket upgrade (pve-http-server AnyEvent.pm: GET on a path ending in `websocket`): the
   * API call runs as usual; a 200 upgrades and hands the socket over (the subprotocol asked for
   * is echoed), any error is answered as a normal HTTP error.
   */
  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://pve-sim');
    const record: RequestRecord = { method: 'GET', path: url.pathname, params: {}, status: 0 };
    const started = Date.now();
    try {
      if ((req.method ?? 'GET').toUpperCase() !== 'GET' || !url.pathname.endsWith('websocket'))
        throw new PveError(501, `unable to upgrade to protocol '${String(req.headers.upgrade)}'`);
      if (String(req.headers['sec-websocket-version']) !== '13')
        throw new PveError(
          500,
          `unsupported websocket-version '${String(req.headers['sec-websocket-version'])}'`,
        );
      const params = fromSearchParams(url.searchParams);
      record.params = redact(params);
      const reply = this.dispatch(req, 'GET', url.pathname, params);
      if (!(reply instanceof WebSocketAccept)) throw new PveError(501, 'no websocket here');
      record.status = 101;
      this.upgrader.handleUpgrade(req, socket, head, (ws) => reply.attach(ws));
    } catch (err) {
      const e = err instanceof PveError ? err : new PveError(500, (err as Error).message);
      record.status = e.status;
      if (e.status === 401) await sleep(Math.max(0, started + this.authFailDelayMs - Date.now()));
      writeSocketError(socket, e.status, e.message);
    }
    this.requests.push(record);
  }

  private dispatch(
    req: IncomingMessage,
    method: string,
    pathname: string,
    params: WireParams,
  ): unknown {
    if (this.sim.faults.shouldFail()) throw new PveError(500, 'pve-sim: injected server error');
    if (pathname !== BASE && !pathname.startsWith(`${BASE}/`))
      throw new PveError(501, 'no such uri');
    const path = pathname.slice(BASE.length) || '/';
    const match = this.schema.match(method, path);
    if (match.kind !== 'ok') throw new PveError(501, `Method '${method} ${path}' not implemented`);
    const { pathParams } = match;
    const endpoint = endpointFor(this.sim.release, match.endpoint);
    const handler = ROUTES[`${method} ${endpoint.path}`];
    if (!handler) throw new PveError(501, `pve-sim does not implement ${method} ${endpoint.path}`);
    const principal = this.authenticate(req, method, endpoint);
    this.checkProxyTarget(endpoint, pathParams);
    const checked = validateParameters(endpoint, pathParams, params);
    if (!checked.ok) throw new PveError(400, 'Parameter verification failed.', checked.errors);
    checkEndpointPermissions(endpoint, principal, checked.values);
    return handler({ sim: this.sim, endpoint, values: checked.values, principal });
  }

  private authenticate(req: IncomingMessage, method: string, endpoint: ApiEndpoint): Principal {
    const perms = endpoint.permissions as { user?: string } | undefined;
    if (perms?.user === 'world') return { userid: 'nobody@pve', userAcl: new Map() };
    const result = this.sim.auth.authenticate(req.headers, method);
    if (result.kind === 'fail') throw new PveError(401, result.message);
    if (result.via === 'token' && !endpoint.allowtoken) {
      throw new PveError(
        403,
        `Permission check failed (URI '${endpoint.path}' not available with API token, need proper ticket.)`,
      );
    }
    return result.principal;
  }

  /**
   * pveproxy forwards `proxyto: node` calls (pve-manager PVE/HTTPServer.pm rest_handler ->
   * proxy_request) with AnyEvent::HTTP, `timeout => 30`, and passes its status on: an offline
   * node (host down) is a 595 "Connection timed out" after that timeout, a hung node (its
   * pveproxy stuck, still online in /cluster/resources) a 596 after it. A timeout of 0 answers
   * at once ("Connection refused": the host is up, pveproxy is not).
   */
  private checkProxyTarget(endpoint: ApiEndpoint, pathParams: Record<string, string>): void {
    if (!endpoint.proxyto) return;
    const name = pathParams[endpoint.proxyto] ?? '';
    const node = this.sim.cluster.nodes.get(name);
    const delay = this.sim.faults.proxyTimeoutMs;
    const why = delay > 0 ? 'Connection timed out' : 'Connection refused';
    if (node && !node.online) throw new ProxyFailure(595, why, delay);
    if (this.sim.faults.hungNodes.has(name)) throw new ProxyFailure(596, why, delay);
  }
}

/** An HTTP error on a socket that asked to upgrade (no ServerResponse exists for it). */
function writeSocketError(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ data: null, message: `${message.replace(/\n$/, '')}\n` });
  const reason =
    (message.split('\n')[0] ?? '').replace(/[^\x20-\x7e]/g, '?').slice(0, 512) || 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json;charset=UTF-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
