import { seededRandom } from '../metrics/load-curve.js';

/** Faults injected by tests and demos; read by the request pipeline on every request. */
export class FaultState {
  down = false;
  latencyMs = 0;
  errorRate = 0;
  readonly offlineNodes = new Set<string>();
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed ^ 0x5eed);
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
  }

  snapshot(): Record<string, unknown> {
    return {
      down: this.down,
      latencyMs: this.latencyMs,
      errorRate: this.errorRate,
      offlineNodes: [...this.offlineNodes],
    };
  }
}
