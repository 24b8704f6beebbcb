import type https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { ProxmoxError } from './proxmox.errors.js';
import type { ProxmoxConnectionOptions } from './proxmox.types.js';
import type { PveEnvelope } from './proxmox.raw.js';
import { mapHttpFailure, mapTransportFailure } from './proxmox-error-map.js';
import { createProxmoxAgent } from './proxmox-tls.js';

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
  /** node the call is about, named in errors when pveproxy cannot reach it (59x) */
  node?: string;
}

export interface HttpLog {
  warn(msg: string): void;
  debug?(msg: string): void;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_RETRIES = 2;
const DEFAULT_RETRY_DELAY_MS = 250;

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

function validateOptions(options: ProxmoxConnectionOptions): URL {
  const url = new URL(options.baseUrl);
  if (url.protocol !== 'https:') {
    throw new Error(`Proxmox baseUrl must use https (got ${url.protocol})`);
  }
  if (!/^[^\s@!]+@[^\s@!]+![^\s@!=]+$/.test(options.tokenId)) {
    throw new Error('Proxmox tokenId must look like user@realm!tokenname');
  }
  if (!/^\S+$/.test(options.tokenSecret)) {
    throw new Error('Proxmox token secret is empty or contains whitespace');
  }
  return url;
}

/** Transport for ProxmoxClient: base URL, token header, TLS policy, timeouts and GET retries. */
export class ProxmoxHttp {
  readonly agent: https.Agent;
  private readonly axios: AxiosInstance;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;

  constructor(
    options: ProxmoxConnectionOptions,
    private readonly log: HttpLog,
  ) {
    const url = validateOptions(options);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retries = Math.max(0, options.retries ?? DEFAULT_RETRIES);
    this.retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
    this.agent = createProxmoxAgent(options, log);
    this.axios = axios.create({
      baseURL: `${url.origin}${url.pathname.replace(/\/+$/, '')}/api2/json`,
      httpsAgent: this.agent,
      // the token must only ever go to the configured, verified host: no env proxy, no redirects
      proxy: false,
      maxRedirects: 0,
      timeout: this.timeoutMs,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      headers: {
        Authorization: `PVEAPIToken=${options.tokenId}=${options.tokenSecret}`,
        Accept: 'application/json',
      },
    });
  }

  async request<T>(req: PveRequest): Promise<PveEnvelope<T>> {
    const attempts = req.method === 'GET' ? this.retries + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send<T>(req);
      } catch (error) {
        if (attempt >= attempts || !isRetryable(error)) {
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
    this.agent.destroy();
  }

  private async send<T>(req: PveRequest): Promise<PveEnvelope<T>> {
    const query = encodeParams(req.query);
    const hasBody = req.method === 'POST' || req.method === 'PUT';
    // covers connect + TLS + response; axios' own timeout only starts once a socket exists
    const deadline = AbortSignal.timeout(this.timeoutMs);
    let response: AxiosResponse<string>;
    try {
      response = await this.axios.request<string>({
        method: req.method,
        url: query ? `${req.path}?${query}` : req.path,
        data: hasBody ? encodeParams(req.body) : undefined,
        headers: hasBody ? { 'Content-Type': 'application/x-www-form-urlencoded' } : undefined,
        signal: deadline,
      });
    } catch (error) {
      throw mapTransportFailure(error, `${req.method} ${req.path}`, deadline.aborted);
    }
    return unwrap<T>(response, req);
  }
}

function isRetryable(error: unknown): boolean {
  if (!(error instanceof ProxmoxError)) {
    return false;
  }
  const status = error.details.status ?? 0;
  return (
    error.code === 'unreachable' ||
    error.code === 'timeout' ||
    (error.code === 'upstream' && [502, 503, 504].includes(status))
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
