import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { SchedulesService } from './schedules.service.js';

export const SCHEDULES_JOB = 'schedules';
/** How often due schedules are looked for: runs start within this much of their minute. */
export const SCHEDULES_TICK_MS = 20_000;

/** Looks for due schedules on an interval; the service guards against overlap and catches errors. */
@Injectable()
export class SchedulesScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly schedules: SchedulesService,
  ) {}

  onApplicationBootstrap(): void {
    const handle = setInterval(() => void this.schedules.tick(), SCHEDULES_TICK_MS);
    handle.unref();
    this.registry.addInterval(SCHEDULES_JOB, handle);
  }

  onApplicationShutdown(): void {
    if (this.registry.doesExist('interval', SCHEDULES_JOB)) {
      this.registry.deleteInterval(SCHEDULES_JOB);
    }
  }
}
