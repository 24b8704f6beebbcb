import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContainersModule } from '../containers/containers.module.js';
import { PlansModule } from '../plans/plans.module.js';
import { SessionsModule } from '../auth/sessions.module.js';
import { UsersModule } from '../users/users.module.js';
import { Schedule } from './entities/schedule.entity.js';
import { SchedulesController } from './schedules.controller.js';
import { SchedulesRepository } from './schedules.repository.js';
import { SchedulesScheduler } from './schedules.scheduler.js';
import { SchedulesService } from './schedules.service.js';
import { ScheduleOwners } from './schedule-owners.js';

/** Schedules: plans made and executed again at every occurrence of a cron expression. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Schedule]),
    PlansModule,
    ContainersModule,
    UsersModule,
    SessionsModule,
  ],
  controllers: [SchedulesController],
  providers: [SchedulesRepository, SchedulesService, SchedulesScheduler, ScheduleOwners],
})
export class SchedulesModule {}
