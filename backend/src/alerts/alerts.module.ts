import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { BackupsModule } from '../backups/backups.module.js';
import { AlertChannelsController } from './alert-channels.controller.js';
import { AlertChannelsService } from './alert-channels.service.js';
import { AlertRulesController } from './alert-rules.controller.js';
import { AlertRulesService } from './alert-rules.service.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsRepository } from './alerts.repository.js';
import { AlertsService } from './alerts.service.js';
import { ALERT_ENTITIES } from './entities/alert-entities.js';
import { NotificationDispatcher } from './notification-dispatcher.js';
import { RulePreviewService } from './rule-preview.service.js';

/** Alert rules judged on every collection cycle, their lifecycle, and notification channels. */
@Module({
  imports: [TypeOrmModule.forFeature(ALERT_ENTITIES), AnalyticsModule, BackupsModule],
  controllers: [AlertRulesController, AlertChannelsController, AlertsController],
  providers: [
    AlertsRepository,
    AlertsService,
    AlertRulesService,
    RulePreviewService,
    AlertChannelsService,
    NotificationDispatcher,
  ],
  exports: [AlertsService, NotificationDispatcher],
})
export class AlertsModule {}
