import type https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import { ProxmoxError } from './proxmox.errors.js';
import type { ProxmoxConnectionOptions, ProxmoxEndpointOptions } from './proxmox.types.js';
import { createProxmoxAgent, type TlsLog } from './proxmox-tls.js';

/**
 * One node URL of the cluster with its own TLS policy: every PVE node serves the whole cluster's
 * API (pveproxy forwards what it does not answer itself), and each has its own certificate.
 */
export interface Endpoint {
  /** origin and path as configured, without /api2/json, e.g. https://pve1.lan:8006 */
  readonly url: string;
  readonly agent: https.Agent;
  readonly axios: AxiosInstance;
  /** wss://…/api2/json */
  readonly wsBase: string;
}

/** Which node URL the client talks to, out of the ones configured (in order of preference). */
export interface EndpointInfo {
  url: string;
  /** every configured URL, the preferred first */
  urls: string[];
  /** false while the client talks to another node than the first configured one */
  preferred: boolean;
}

/** The failures after which the same call may go to the next node URL. */
export type EndpointFailure = 'before-send' | 'after-send';

const endpointFailures = new WeakMap<ProxmoxError, EndpointFailure>();

/** Marks `error` as a failure of the node URL itself (not of a node behind it, not an answer). */
export function markEndpointFailure(error: ProxmoxError, when: EndpointFailure): void {
  endpointFailures.set(error, when);
}

/**
 * Whether a call that failed with `error` may be sent to another node URL: a read whenever the
 * URL itself failed (no connection, or a cluster-wide call timed out); a write only when the
 * request certainly never left (the connection was not established), so it can never run twice.
 */
export function mayFailOver(error: unknown, method: string): boolean {
  if (!(error instanceof ProxmoxError)) return false;
  const when = endpointFailures.get(error);
  return when === 'before-send' || (when === 'after-send' && method === 'GET');
}

/** Validates and lists the node URLs, the preferred first; throws on a bad one. */
export function endpointOptions(options: ProxmoxConnectionOptions): ProxmoxEndpointOptions[] {
  const all = [
    { baseUrl: options.baseUrl, fingerprint: options.fingerprint },
    ...(options.fallbacks ?? []),
  ];
  for (const ep of all) {
    const url = new URL(ep.baseUrl);
    if (url.protocol !== 'https:') {
      throw new Error(`Proxmox baseUrl must use https (got ${url.protocol})`);
    }
  }
  return all;
}

export function createEndpoint(
  options: ProxmoxConnectionOptions,
  ep: ProxmoxEndpointOptions,
  authorization: string,
  log: TlsLog,
): Endpoint {
  const url = new URL(ep.baseUrl);
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  const agent = createProxmoxAgent(
    { ...options, baseUrl: ep.baseUrl, fingerprint: ep.fingerprint },
    log,
  );
  return {
    url: base,
    agent,
    wsBase: `wss://${url.host}${url.pathname.replace(/\/+$/, '')}/api2/json`,
    axios: axios.create({
      baseURL: `${base}/api2/json`,
      httpsAgent: agent,
      // the token must only ever go to the configured, verified host: no env proxy, no redirects
      proxy: false,
      maxRedirects: 0,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      headers: { Authorization: authorization, Accept: 'application/json' },
    }),
  };
}

/**
 * The configured node URLs and the one calls go to. A call the current URL cannot take goes to
 * the others in order of preference; the first that gives any HTTP answer becomes current. While
 * failed over, the more preferred URLs are asked again now and then, and the client goes back.
 */
export class EndpointPool {
  private active = 0;
  /** when a more preferred URL was last tried (or the client last failed over) */
  private lastPreferredCheck = 0;
  private preferredCheck?: Promise<void>;

  constructor(
    private readonly endpoints: Endpoint[],
    private readonly preferredRecheckMs: number,
    private readonly log: TlsLog,
  ) {}

  get current(): Endpoint {
    return this.endpoints[this.active];
  }

  info(): EndpointInfo {
    return {
      url: this.current.url,
      urls: this.endpoints.map((e) => e.url),
      preferred: this.active === 0,
    };
  }

  async run<T>(method: string, send: (endpoint: Endpoint) => Promise<T>): Promise<T> {
    const first = this.active;
    try {
      return await send(this.endpoints[first]);
    } catch (error) {
      if (!mayFailOver(error, method)) throw error;
      for (const next of this.endpoints.keys()) {
        if (next === first) continue;
        try {
          const result = await send(this.endpoints[next]);
          this.switchTo(next, first, error);
          return result;
        } catch (other) {
          if (mayFailOver(other, method)) continue;
          // it answered (with an error): it is there, and the call's own failure stands
          if (other instanceof ProxmoxError && other.details.status !== undefined) {
            this.switchTo(next, first, error);
          }
          throw other;
        }
      }
      throw error;
    }
  }

  /**
   * While failed over, asks the more preferred URLs (with `probe`, in order) at most once per
   * preferredRecheckMs whether they answer again, in the background: calls are not held up.
   * `onBack` runs once the client has gone back, so whoever shows the URL in use learns it from
   * that answer rather than from some later call.
   */
  checkPreferred(probe: (endpoint: Endpoint) => Promise<unknown>, onBack: () => void): void {
    if (this.active === 0 || this.preferredCheck) return;
    if (Date.now() - this.lastPreferredCheck < this.preferredRecheckMs) return;
    this.lastPreferredCheck = Date.now();
    this.preferredCheck = this.probePreferred(probe)
      .then((back) => {
        if (back) onBack();
      })
      .finally(() => {
        this.preferredCheck = undefined;
      });
  }

  destroy(): void {
    for (const endpoint of this.endpoints) endpoint.agent.destroy();
  }

  /** True when it went back to a more preferred URL. */
  private async probePreferred(probe: (endpoint: Endpoint) => Promise<unknown>): Promise<boolean> {
    const current = this.active;
    for (let i = 0; i < current; i++) {
      try {
        await probe(this.endpoints[i]);
      } catch {
        continue;
      }
      if (this.active !== current) return false;
      this.active = i;
      this.log.warn(
        `Proxmox: ${this.endpoints[i].url} answers again; talking to it instead of ` +
          this.endpoints[current].url,
      );
      return true;
    }
    return false;
  }

  private switchTo(next: number, from: number, why: unknown): void {
    if (this.active !== from) return;
    this.active = next;
    this.lastPreferredCheck = Date.now();
    const reason = why instanceof Error ? why.message : String(why);
    this.log.warn(
      `Proxmox: ${this.endpoints[from].url} does not answer (${reason}); ` +
        `now talking to ${this.endpoints[next].url}`,
    );
  }
}
