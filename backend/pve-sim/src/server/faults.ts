import { seededRandom } from '../metrics/load-curve.js';

/**
 * pveproxy forwards a node's calls with AnyEvent::HTTP and `timeout => 30`
 * (pve-http-server, PVE::APIServer::AnyEvent::proxy_request).
 */
export const PROXY_TIMEOUT_MS = 30_000;

/** Faults injected by tests and demos; read by the request pipeline on every request. */
export class FaultState {
  down = false;
  latencyMs = 0;
  errorRate = 0;
  readonly offlineNodes = new Set<string>();
  /** online in /cluster/resources, but calls pveproxy forwards to them hang (stuck pveproxy) */
  readonly hungNodes = new Set<string>();
  /** how long pveproxy waits for an unreachable node before its 59x (PVE: 30 s) */
  proxyTimeoutMs: number;
  private readonly random: () => number;

  constructor(
    seed: number,
    private readonly defaultProxyTimeoutMs = PROXY_TIMEOUT_MS,
  ) {
    this.random = seededRandom(seed ^ 0x5eed);
    this.proxyTimeoutMs = defaultProxyTimeoutMs;
  }

  /** Draws whether this request should fail with an injected 500. */
  shouldFail(): boolean {
    return this.errorRate > 0 && this.random() < this.errorRate;
  }

  reset(): void {
    this.down = false;
    this.latencyMs = 0;
    this.errorRate = 0;
    this.offlineNodes.clear();
    this.hungNodes.clear();
    this.proxyTimeoutMs = this.defaultProxyTimeoutMs;
  }

  snapshot(): Record<string, unknown> {
    return {
      down: this.down,
      latencyMs: this.latencyMs,
      errorRate: this.errorRate,
      offlineNodes: [...this.offlineNodes],
      hungNodes: [...this.hungNodes],
      proxyTimeoutMs: this.proxyTimeoutMs,
    };
  }
}
