import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AnalyticsClock } from './analytics-clock.js';
import {
  DAY_S,
  HOURLY_RETENTION_S,
  RAW_RETENTION_S,
  TIER_1H,
  TIER_5M,
} from './analytics.constants.js';
import { AnalyticsRepository } from './analytics.repository.js';
import type { SubjectKind } from './analytics.types.js';
import { RollupTracker } from './rollup-tracker.js';

export interface RetentionResult {
  deleted: number;
  reclaimedPages: number;
}

const KINDS: SubjectKind[] = ['ct', 'node'];

/** Rollups of fresh data and the retention purge; each run guards against overlapping itself. */
@Injectable()
export class MaintenanceService {
  private readonly logger = new Logger(MaintenanceService.name);
  private rollingUp = false;
  private purging = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: AnalyticsRepository,
    private readonly tracker: RollupTracker,
    private readonly clock: AnalyticsClock,
  ) {}

  /** Recomputes the 5-minute and hourly buckets that received data since the last run. */
  runRollup(): void {
    if (this.rollingUp) return;
    this.rollingUp = true;
    try {
      const now = this.clock.nowS() + 1;
      for (const kind of KINDS) this.repository.rollup(kind, this.tracker.take(kind), now);
    } catch (error) {
      this.logger.warn(`rollup failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.rollingUp = false;
    }
  }

  /**
   * Raw samples older than 48 h, 5-minute rows older than the retention and hourly rows older
   * than a year go, in bounded batches; the freed pages are then handed back to the file system.
   */
  runRetention(): RetentionResult | undefined {
    if (this.purging) return undefined;
    this.purging = true;
    try {
      const now = this.clock.nowS();
      let deleted = 0;
      for (const kind of KINDS) {
        deleted += this.repository.deleteExpired(kind, 'samples', now - RAW_RETENTION_S);
        const fiveMinCutoff = now - this.config.retentionDays * DAY_S;
        deleted += this.repository.deleteExpired(kind, 'rollups', fiveMinCutoff, TIER_5M);
        const hourlyKeptS = Math.max(HOURLY_RETENTION_S, this.config.retentionDays * DAY_S);
        deleted += this.repository.deleteExpired(kind, 'rollups', now - hourlyKeptS, TIER_1H);
      }
      return { deleted, reclaimedPages: this.repository.reclaimSpace() };
    } catch (error) {
      this.logger.warn(
        `retention failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    } finally {
      this.purging = false;
    }
  }
}
