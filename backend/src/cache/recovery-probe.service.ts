import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ClusterStateService } from './cluster-state.service.js';
import { ReachabilityService } from './reachability.service.js';

/** Never probe slower than this, even with a long collection interval. */
const MAX_PROBE_EVERY_MS = 10_000;

/**
 * While Proxmox is offline, re-reads the cluster state once per collection interval (at most every
 * 10 s), so recovery is noticed within one cycle even when nobody reads and the collector is idle.
 */
@Injectable()
export class RecoveryProbe implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private subscription?: Subscription;
  readonly everyMs: number;

  constructor(
    private readonly reachability: ReachabilityService,
    private readonly cluster: ClusterStateService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.everyMs = Math.min(config.collectIntervalS * 1000, MAX_PROBE_EVERY_MS);
  }

  onModuleInit(): void {
    this.subscription = this.reachability.changes$.subscribe((status) => {
      if (status.state === 'offline') this.start();
      else this.stop();
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    this.stop();
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
}
