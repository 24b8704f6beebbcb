import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import { ClusterStateService } from './cluster-state.service.js';
import { type ConnectionStatus, ReachabilityService } from './reachability.service.js';

/** Never probe slower than this, even with a long collection interval. */
const MAX_PROBE_EVERY_MS = 10_000;

/**
 * While Proxmox is offline, re-reads the cluster state once per collection interval (at most every
 * 10 s), so recovery is noticed within one cycle even when nobody reads and the collector is idle.
 * While single nodes do not answer (calls to them time out or fail although the cluster lists
 * them), asks each of them for its status at the same pace: the answer (recorded by the
 * reachability tracker, which sees every call) clears the node. One probe per node at a time.
 */
@Injectable()
export class RecoveryProbe implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private nodeTimer?: NodeJS.Timeout;
  private subscription?: Subscription;
  private readonly probing = new Set<string>();
  private unreachableNodes: string[] = [];
  readonly everyMs: number;

  constructor(
    private readonly reachability: ReachabilityService,
    private readonly cluster: ClusterStateService,
    private readonly proxmox: ProxmoxClient,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.everyMs = Math.min(config.collectIntervalS * 1000, MAX_PROBE_EVERY_MS);
  }

  onModuleInit(): void {
    this.subscription = this.reachability.changes$.subscribe((status) => this.follow(status));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    this.stop();
    this.stopNodes();
  }

  private follow(status: ConnectionStatus): void {
    if (status.state === 'offline') this.start();
    else this.stop();
    this.unreachableNodes = status.unreachableNodes;
    if (status.state !== 'offline' && this.unreachableNodes.length) this.startNodes();
    else this.stopNodes();
  }

  private start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      // the outcome is recorded by the cluster state; a failure just means: still offline
      this.cluster.refresh().catch(() => undefined);
    }, this.everyMs);
    this.timer.unref();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private startNodes(): void {
    if (this.nodeTimer) return;
    this.nodeTimer = setInterval(() => this.probeNodes(), this.everyMs);
    this.nodeTimer.unref();
  }

  private stopNodes(): void {
    clearInterval(this.nodeTimer);
    this.nodeTimer = undefined;
  }

  private probeNodes(): void {
    for (const node of this.unreachableNodes) {
      if (this.probing.has(node)) continue;
      this.probing.add(node);
      this.proxmox
        .pingNode(node)
        .catch(() => undefined)
        .finally(() => this.probing.delete(node));
    }
  }
}
