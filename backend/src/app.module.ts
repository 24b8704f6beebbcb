import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from './activity/activity.module.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { AnalyticsModule } from './analytics/analytics.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BackupsModule } from './backups/backups.module.js';
import { CacheModule } from './cache/cache.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { ContainersModule } from './containers/containers.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { DatacenterModule } from './datacenter/datacenter.module.js';
import { EventsModule } from './events/events.module.js';
import { buildDataSourceOptions } from './database/data-source.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { NamesModule } from './names/names.module.js';
import { NodesModule } from './nodes/nodes.module.js';
import { PermissionsModule } from './permissions/permissions.module.js';
import { PlansModule } from './plans/plans.module.js';
import { SchedulesModule } from './schedules/schedules.module.js';
import { ProxmoxModule } from './proxmox/proxmox.module.js';
import { StatusModule } from './status/status.module.js';
import { SnapshotsModule } from './snapshots/snapshots.module.js';
import { TasksModule } from './tasks/tasks.module.js';
import { TerminalModule } from './terminal/terminal.module.js';
import { TemplatesModule } from './templates/templates.module.js';
import { UsersModule } from './users/users.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(buildDataSourceOptions(config.dataDir)),
        ProxmoxModule,
        CacheModule,
        ActivityModule,
        AuthModule,
        UsersModule,
        PermissionsModule,
        HealthModule,
        NodesModule,
        DatacenterModule,
        DashboardModule,
        ContainersModule,
        BackupsModule,
        TerminalModule,
        SnapshotsModule,
        PlansModule,
        SchedulesModule,
        TasksModule,
        NamesModule,
        TemplatesModule,
        StatusModule,
        EventsModule,
        AnalyticsModule,
        AlertsModule,
        MetricsModule,
      ],
    };
  }
}
