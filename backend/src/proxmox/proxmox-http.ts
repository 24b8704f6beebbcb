import WebSocket from 'ws';
import type { AxiosResponse } from 'axios';
import { ProxmoxError } from './proxmox.errors.js';
import type { ProxmoxConnectionOptions } from './proxmox.types.js';
import type { PveEnvelope } from './proxmox.raw.js';
import { failedBeforeSending, mapHttpFailure, mapTransportFailure } from './proxmox-error-map.js';
import {
  createEndpoint,
  type Endpoint,
  type EndpointInfo,
  endpointOptions,
  EndpointPool,
  markEndpointFailure,
} from './proxmox-endpoints.js';
import { isTokenId } from './token-id.js';

export type ParamValue = string | number | boolean | undefined | null;
export type Params = Record<string, ParamValue>;

export interface PveRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** path below /api2/json, every variable segment already URL-encoded */
  path: string;
  /** GET/DELETE parameters (query string) */
  query?: Params;
  /** POST/PUT parameters (form body) */
  body?: Params;
  /**
   * the node pveproxy forwards the call to (the endpoint's `proxyto: node` in PVE's schema): named
   * in errors when pveproxy cannot reach it (59x), waits the node timeout, and its outcome says
   * whether that node answers. Unset for calls the receiving node answers itself (rrddata).
   */
  node?: string;
}

/** The end result of one call (after retries), for whoever tracks whether Proxmox answers. */
export interface CallOutcome {
  method: PveRequest['method'];
  path: string;
  /** the node the call was proxied to; undefined for cluster-wide calls */
  node?: string;
  /** undefined: success */
  error?: unknown;
}

export type CallObserver = (outcome: CallOutcome) => void;

export interface HttpLog {
  warn(msg: string): void;
  debug?(msg: string): void;
}

const DEFAULT_TIMEOUT_MS = 15_000;
/** pveproxy gives up on a node after 30 s (AnyEvent.pm proxy_request, `timeout => 30`). */
export const DEFAULT_NODE_TIMEOUT_MS = 35_000;
const DEFAULT_RETRIES = 2;
const DEFAULT_RETRY_DELAY_MS = 250;
const DEFAULT_PREFERRED_RECHECK_MS = 30_000;
/** How a more preferred node URL is asked whether it answers again (see EndpointPool). */
const PREFERRED_PROBE: PveRequest = { method: 'GET', path: '/version' };

/** PVE's wire format for parameters: booleans as 1/0, absent values left out. */
export function encodeParams(params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) {
      continue;
    }
    search.append(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  return search.toString();
}

export function pathSegment(value: string | number): string {
  return encodeURIComponent(String(value));
}

function validateOptions(options: ProxmoxConnectionOptions): void {
  if (!isTokenId(options.tokenId)) {
    throw new Error('Proxmox tokenId must look like user@realm!tokenname');
  }
  if (!/^\S+$/.test(options.tokenSecret)) {
    throw new Error('Proxmox token secret is empty or contains whitespace');
  }
}

/**
 * Transport for ProxmoxClient: node URLs, token header, TLS policy, timeouts, GET retries and
 * failover. Every PVE node serves the whole cluster's API, so with several node URLs configured
 * a call the current one cannot take goes to the next (see mayFailOver), the client stays there,
 * and it returns to a more preferred URL once that answers again.
 */
export class ProxmoxHttp {
  private readonly endpoints: EndpointPool;
  private readonly timeoutMs: number;
  private readonly nodeTimeoutMs: number;
  private readonly retries: number;
  private readonly observers = new Set<CallObserver>();
  private readonly retryDelayMs: number;
  private readonly authorization: string;

  constructor(
    options: ProxmoxConnectionOptions,
    private readonly log: HttpLog,
  ) {
    validateOptions(options);
    const configured = endpointOptions(options);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.nodeTimeoutMs = options.nodeTimeoutMs ?? DEFAULT_NODE_TIMEOUT_MS;
    this.retries = Math.max(0, options.retries ?? DEFAULT_RETRIES);
    this.retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
    this.authorization = `PVEAPIToken=${options.tokenId}=${options.tokenSecret}`;
    this.endpoints = new EndpointPool(
      configured.map((ep) => createEndpoint(options, ep, this.authorization, log)),
      options.preferredRecheckMs ?? DEFAULT_PREFERRED_RECHECK_MS,
      log,
    );
  }

  /** The node URL calls go to now. */
  endpoint(): EndpointInfo {
    return this.endpoints.info();
  }

  /**
   * A websocket to a PVE `...websocket` endpoint over the same pinned TLS and token as every call
   * (pve-http-server upgrades when the API call answers 200). Resolves once open.
   */
  openWebSocket(path: string, query: Record<string, string | number>): Promise<WebSocket> {
    const search = new URLSearchParams(
      Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
    );
    const endpoint = this.endpoints.current;
    const ws = new WebSocket(`${endpoint.wsBase}${path}?${search.toString()}`, 'binary', {
      agent: endpoint.agent,
      headers: { Authorization: this.authorization },
      handshakeTimeout: this.timeoutMs,
      followRedirects: false,
      perMessageDeflate: false,
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (_req, res) => {
        const status = res.statusCode ?? 0;
        const reason = res.statusMessage ?? '';
        res.resume();
        ws.terminate();
        reject(
          new ProxmoxError(
            status === 401 ? 'auth' : status === 403 ? 'permission' : 'upstream',
            `GET ${path}: ${status} ${reason}`.trim(),
            { status },
          ),
        );
      });
      ws.once('error', (error) =>
        reject(new ProxmoxError('unreachable', `GET ${path}: ${error.message}`)),
      );
    });
  }

  /** Every call's end result goes to `observer` (reachability); returns the unsubscribe. */
  observe(observer: CallObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  async request<T>(req: PveRequest): Promise<PveEnvelope<T>> {
    // the answer that brings the client back is a call like any other: its observers (the
    // reachability tracker behind /api/status, the banner and /api/health) see the preferred URL
    // from that answer on, not only from the next call, which may be a whole cycle later
    this.endpoints.checkPreferred(
      (endpoint) => this.send(PREFERRED_PROBE, endpoint),
      () => this.notify(PREFERRED_PROBE),
    );
    try {
      const envelope = await this.withRetries<T>(req);
      this.notify(req);
      return envelope;
    } catch (error) {
      this.notify(req, error);
      throw error;
    }
  }

  private notify(req: PveRequest, error?: unknown): void {
    const outcome: CallOutcome = { method: req.method, path: req.path, node: req.node, error };
    for (const observer of this.observers) {
      try {
        observer(outcome);
      } catch (failure) {
        this.log.warn(`call observer failed: ${(failure as Error).message}`);
      }
    }
  }

  private async withRetries<T>(req: PveRequest): Promise<PveEnvelope<T>> {
    const attempts = req.method === 'GET' ? this.retries + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.endpoints.run(req.method, (endpoint) => this.send<T>(req, endpoint));
      } catch (error) {
        if (attempt >= attempts || !isRetryable(error, req)) {
          throw error;
        }
        const delay = this.retryDelayMs * 2 ** (attempt - 1);
        this.log.debug?.(`retrying GET ${req.path} in ${delay} ms (attempt ${attempt + 1})`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /** Closes idle keep-alive sockets (for shutdown and tests). */
  destroy(): void {
    this.endpoints.destroy();
  }

  private async send<T>(req: PveRequest, endpoint: Endpoint): Promise<PveEnvelope<T>> {
    const query = encodeParams(req.query);
    const hasBody = req.method === 'POST' || req.method === 'PUT';
    // covers connect + TLS + response; axios' own timeout only starts once a socket exists.
    // A call pveproxy forwards to a node waits longer than pveproxy does (30 s), so a dead node
    // comes back as pveproxy's 59x naming it rather than as our own timeout.
    const timeoutMs = req.node ? this.nodeTimeoutMs : this.timeoutMs;
    const deadline = AbortSignal.timeout(timeoutMs);
    let response: AxiosResponse<string>;
    try {
      response = await endpoint.axios.request<string>({
        method: req.method,
        url: query ? `${req.path}?${query}` : req.path,
        data: hasBody ? encodeParams(req.body) : undefined,
        headers: hasBody ? { 'Content-Type': 'application/x-www-form-urlencoded' } : undefined,
        signal: deadline,
        timeout: timeoutMs,
      });
    } catch (error) {
      const failure = mapTransportFailure(error, `${req.method} ${req.path}`, deadline.aborted);
      if (req.node) failure.details.node = req.node;
      if (failedBeforeSending(error)) markEndpointFailure(failure, 'before-send');
      else if (endpointDown(failure, req)) markEndpointFailure(failure, 'after-send');
      throw failure;
    }
    return unwrap<T>(response, req);
  }
}

/**
 * The node URL itself failed (rather than a node behind it): no connection, or a call it answers
 * itself timed out. A node call's timeout is that node's (see unreachableNode in cache/).
 */
function endpointDown(error: ProxmoxError, req: PveRequest): boolean {
  return (
    (error.code === 'unreachable' && error.details.status === undefined) ||
    (error.code === 'timeout' && !req.node)
  );
}

/**
 * GETs are retried when the API endpoint itself failed: no connection, 502/503/504, or a timeout
 * of a cluster-wide call. Never a 59x (pveproxy already waited up to 30 s for that node) and never
 * a timeout of a call to one node (that node hangs; another try costs another timeout).
 */
function isRetryable(error: unknown, req: PveRequest): boolean {
  if (!(error instanceof ProxmoxError)) {
    return false;
  }
  const status = error.details.status;
  return (
    (error.code === 'unreachable' && status === undefined) ||
    (error.code === 'timeout' && !req.node) ||
    (error.code === 'upstream' && [502, 503, 504].includes(status ?? 0))
  );
}

function parseBody(text: string | undefined): Partial<PveEnvelope<unknown>> | undefined {
  if (!text) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function unwrap<T>(response: AxiosResponse<string>, req: PveRequest): PveEnvelope<T> {
  const body = parseBody(response.data);
  if (response.status >= 200 && response.status < 300) {
    if (!body || !('data' in body)) {
      throw new ProxmoxError(
        'upstream',
        `${req.method} ${req.path}: answer is not a PVE envelope`,
        {
          status: response.status,
        },
      );
    }
    return body as PveEnvelope<T>;
  }
  // PVE 9 repeats the reason in the body (with a trailing newline); older servers only send it
  // in the status line, and pre-handler errors (501 no such uri) may have a plain-text body
  const message =
    body?.message?.trim() ||
    response.statusText?.trim() ||
    (typeof response.data === 'string' && !body ? response.data.trim().slice(0, 200) : '') ||
    `HTTP ${response.status}`;
  const fieldErrors = body?.errors && typeof body.errors === 'object' ? body.errors : undefined;
  throw mapHttpFailure({ status: response.status, message, fieldErrors, node: req.node });
}
