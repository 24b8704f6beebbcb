import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  CLUSTER_STATE_MAX_AGE_MS,
  type ClusterSnapshot,
  ClusterStateService,
} from '../cache/cluster-state.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { ClusterResources, PveGuest } from '../proxmox/proxmox.types.js';
import { AnalyticsRepository } from './analytics.repository.js';
import { BackfillService } from './backfill.service.js';
import { type CounterReading, type Rates, computeRates } from './counter-rates.js';
import { RATE_METRICS } from './entities/analytics-tables.js';
import { type LiveContainer, type LiveNode, LiveMetricsService } from './live-metrics.service.js';
import { RollupTracker } from './rollup-tracker.js';
import { containerSample, nodeSample } from './sample-mappers.js';

const noRates = (): Rates => ({ netin: null, netout: null, diskread: null, diskwrite: null });

/** Each node's sum of its containers' rates, in one pass over the cycle's containers. */
function rateSumsByNode(containers: LiveContainer[]): Map<string, Rates> {
  const sums = new Map<string, Rates>();
  for (const c of containers) {
    let sum = sums.get(c.node);
    if (!sum) sums.set(c.node, (sum = noRates()));
    for (const m of RATE_METRICS) {
      const v = c.sample[m];
      if (v !== null) sum[m] = (sum[m] ?? 0) + v;
    }
  }
  return sums;
}

/** A subject is "back after a gap" when nothing was stored for this many collect intervals. */
const GAP_INTERVALS = 3;
const MIN_GAP_S = 120;

export interface CycleResult {
  containers: number;
  nodes: number;
  durationMs: number;
}

/** What a cycle saw, for features that judge every cycle (alert rules) without asking again. */
export type CycleOutcome =
  | { ok: true; at: number; resources: ClusterResources }
  | { ok: false; at: number; error: unknown };
export type CycleListener = (outcome: CycleOutcome) => Promise<void>;

/**
 * One collection cycle: ONE /cluster/resources read for the whole cluster, per-second rates from
 * the cumulative counters, every sample written in one transaction, gaps handed to the backfill.
 */
@Injectable()
export class CollectorService {
  private readonly logger = new Logger(CollectorService.name);
  private readonly readings = new Map<number, CounterReading>();
  /** epoch seconds of the newest stored data per subject, known for subjects seen this run */
  private readonly lastStored = { ct: new Map<number, number>(), node: new Map<string, number>() };
  private running = false;
  /** epoch ms of the /cluster/resources answer the last cycle recorded */
  private lastFetchedAt = 0;
  private readonly listeners: CycleListener[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clusterState: ClusterStateService,
    private readonly repository: AnalyticsRepository,
    private readonly live: LiveMetricsService,
    private readonly tracker: RollupTracker,
    private readonly backfill: BackfillService,
  ) {}

  /** Called after every cycle, in turn, with what it saw; a listener's error is only logged. */
  onCycle(listener: CycleListener): void {
    this.listeners.push(listener);
  }

  /** Runs one cycle; an overlapping call is skipped and errors are logged, never thrown. */
  async runCycle(): Promise<CycleResult | undefined> {
    if (this.running) {
      this.live.skipped();
      return undefined;
    }
    this.running = true;
    const started = performance.now();
    let outcome: CycleOutcome;
    let result: CycleResult | undefined;
    try {
      // an answer a reader fetched moments ago saves a request, but never the one the last cycle
      // recorded: with a 2 s cycle (CLUSTER_STATE_MAX_AGE_MS) every other cycle would record it
      // again and ask Proxmox nothing, and calls are what find a failed or returned node URL
      const snapshot = await this.clusterState.freshSnapshot(
        CLUSTER_STATE_MAX_AGE_MS,
        this.lastFetchedAt,
      );
      this.lastFetchedAt = snapshot.fetchedAt;
      outcome = { ok: true, at: snapshot.fetchedAt, resources: snapshot.resources };
      result = this.collect(snapshot, started);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`metric collection failed: ${message}`);
      this.live.failed(message, performance.now() - started);
      outcome = { ok: false, at: Date.now(), error };
    }
    try {
      for (const listener of this.listeners) await this.notify(listener, outcome);
      return result;
    } finally {
      this.running = false;
    }
  }

  private async notify(listener: CycleListener, outcome: CycleOutcome): Promise<void> {
    try {
      await listener(outcome);
    } catch (error) {
      this.logger.warn(`cycle listener failed: ${(error as Error).message}`);
    }
  }

  private collect(snapshot: ClusterSnapshot, started: number): CycleResult {
    const t = Math.floor(snapshot.fetchedAt / 1000);
    const step = this.config.collectIntervalS;
    const guests = snapshot.resources.guests.filter((g) => g.type === 'lxc' && !g.template);
    const containers = guests.map((g) => this.containerSample(g, t, step));
    const sums = rateSumsByNode(containers);
    const nodes = snapshot.resources.nodes.map((n) => ({
      node: n.node,
      sample: nodeSample(n, t, step, sums.get(n.node) ?? noRates()),
    }));
    this.detectGaps(containers, nodes, t);
    this.forgetGone(containers);
    this.repository.writeCycle(
      containers.map((c) => c.sample),
      nodes.map((n) => n.sample),
    );
    for (const c of containers) this.tracker.mark('ct', c.vmid, t);
    for (const n of nodes) this.tracker.mark('node', n.node, t);
    const durationMs = performance.now() - started;
    this.live.update(containers, nodes, t, durationMs);
    return { containers: containers.length, nodes: nodes.length, durationMs };
  }

  /** Deleted containers leave no state behind (a vmid reused later starts afresh). */
  private forgetGone(containers: LiveContainer[]): void {
    if (this.readings.size <= containers.length) return;
    const seen = new Set(containers.map((c) => c.vmid));
    for (const vmid of this.readings.keys()) {
      if (seen.has(vmid)) continue;
      this.readings.delete(vmid);
      this.lastStored.ct.delete(vmid);
    }
  }

  private containerSample(g: PveGuest, t: number, step: number): LiveContainer {
    const reading: CounterReading = {
      counters: { netin: g.netin, netout: g.netout, diskread: g.diskread, diskwrite: g.diskwrite },
      uptime: g.uptime,
      at: t,
    };
    reading.rates = computeRates(this.readings.get(g.vmid), reading);
    this.readings.set(g.vmid, reading);
    return {
      vmid: g.vmid,
      name: g.name,
      node: g.node,
      sample: containerSample(g, t, step, reading.rates),
    };
  }

  /**
   * A subject never seen, or with nothing stored for a while (console stopped, Proxmox away),
   * gets the gap up to this cycle filled from PVE's RRD in the background.
   */
  private detectGaps(containers: LiveContainer[], nodes: LiveNode[], t: number): void {
    const gapS = Math.max(MIN_GAP_S, GAP_INTERVALS * this.config.collectIntervalS);
    for (const c of containers) {
      const last = this.lastStored.ct.get(c.vmid) ?? this.repository.lastTime('ct', c.vmid);
      if (last === undefined || t - last > gapS) {
        this.backfill.enqueue({ kind: 'ct', id: c.vmid, node: c.node, after: last, before: t });
      }
      this.lastStored.ct.set(c.vmid, t);
    }
    for (const n of nodes) {
      const last = this.lastStored.node.get(n.node) ?? this.repository.lastTime('node', n.node);
      if (last === undefined || t - last > gapS) {
        this.backfill.enqueue({ kind: 'node', id: n.node, node: n.node, after: last, before: t });
      }
      this.lastStored.node.set(n.node, t);
    }
  }
}
