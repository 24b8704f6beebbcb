import { Module } from '@nestjs/common';
import { StatusController } from './status.controller.js';
import { StatusService } from './status.service.js';

/**
 * GET /api/status (reachability lives in the cache module; its changes reach the browser on the
 * event stream, GET /api/events).
 */
@Module({ controllers: [StatusController], providers: [StatusService], exports: [StatusService] })
export class StatusModule {}
