import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AnalyticsClock } from './analytics-clock.js';
import { AnalyticsController } from './analytics.controller.js';
import { AnalyticsQueryService } from './analytics-query.service.js';
import { AnalyticsRepository } from './analytics.repository.js';
import { AnalyticsScheduler } from './analytics.scheduler.js';
import { AnalyticsSummaryService } from './analytics-summary.service.js';
import { BackfillService } from './backfill.service.js';
import { CollectorService } from './collector.service.js';
import { LiveMetricsService } from './live-metrics.service.js';
import { MaintenanceService } from './maintenance.service.js';
import { RollupTracker } from './rollup-tracker.js';

/** Metric collection, rollups, retention, RRD backfill and the analytics API. */
@Module({
  imports: [ScheduleModule.forRoot()],
  controllers: [AnalyticsController],
  providers: [
    AnalyticsClock,
    AnalyticsRepository,
    RollupTracker,
    LiveMetricsService,
    BackfillService,
    CollectorService,
    MaintenanceService,
    AnalyticsQueryService,
    AnalyticsSummaryService,
    AnalyticsScheduler,
  ],
  exports: [
    AnalyticsRepository,
    LiveMetricsService,
    CollectorService,
    BackfillService,
    MaintenanceService,
  ],
})
export class AnalyticsModule {}
