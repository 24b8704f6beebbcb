import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import {
  COLLECT_JOB,
  RETENTION_INTERVAL_MS,
  RETENTION_JOB,
  ROLLUP_INTERVAL_MS,
  ROLLUP_JOB,
} from './analytics.constants.js';
import { CollectorService } from './collector.service.js';
import { MaintenanceService } from './maintenance.service.js';

/**
 * Registers the analytics jobs with intervals from the config. Each job only calls a service
 * method, which guards against overlapping runs and catches its own errors; the first collection
 * happens one interval after start.
 */
@Injectable()
export class AnalyticsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AnalyticsScheduler.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly collector: CollectorService,
    private readonly maintenance: MaintenanceService,
  ) {}

  onApplicationBootstrap(): void {
    this.add(
      COLLECT_JOB,
      this.config.collectIntervalS * 1000,
      () => void this.collector.runCycle(),
    );
    this.add(ROLLUP_JOB, ROLLUP_INTERVAL_MS, () => this.maintenance.runRollup());
    this.add(RETENTION_JOB, RETENTION_INTERVAL_MS, () => void this.maintenance.runRetention());
  }

  onApplicationShutdown(): void {
    for (const name of [COLLECT_JOB, ROLLUP_JOB, RETENTION_JOB]) {
      if (this.registry.doesExist('interval', name)) this.registry.deleteInterval(name);
    }
  }

  private add(name: string, ms: number, run: () => void): void {
    const handle = setInterval(() => {
      try {
        run();
      } catch (error) {
        this.logger.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }, ms);
    handle.unref();
    this.registry.addInterval(name, handle);
  }
}
