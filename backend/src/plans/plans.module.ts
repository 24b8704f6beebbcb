import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BackupsModule } from '../backups/backups.module.js';
import { ContainersModule } from '../containers/containers.module.js';
import { EventsModule } from '../events/events.module.js';
import { PermissionsModule } from '../permissions/permissions.module.js';
import { SnapshotsModule } from '../snapshots/snapshots.module.js';
import { ActionPermissionsController } from './action-permissions.controller.js';
import { ActionPermissionsService } from './action-permissions.service.js';
import { Plan } from './entities/plan.entity.js';
import { PlanFacts } from './plan-facts.js';
import { PlanRunner } from './plan-runner.js';
import { PlansClock } from './plans-clock.js';
import { PlansController } from './plans.controller.js';
import { PlansRepository } from './plans.repository.js';
import { PlansService } from './plans.service.js';

/** Plans: review which containers an action touches, then run it on the server. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Plan]),
    ContainersModule,
    PermissionsModule,
    SnapshotsModule,
    BackupsModule,
    EventsModule,
  ],
  controllers: [PlansController, ActionPermissionsController],
  providers: [
    PlansRepository,
    PlansService,
    PlanRunner,
    PlansClock,
    PlanFacts,
    ActionPermissionsService,
  ],
  exports: [PlansService, PlansClock],
})
export class PlansModule {}
