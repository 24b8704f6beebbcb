import { Module } from '@nestjs/common';
import { StatusController } from './status.controller.js';
import { StatusService } from './status.service.js';

/** GET /api/status and its server-sent-events stream (reachability lives in the cache module). */
@Module({ controllers: [StatusController], providers: [StatusService] })
export class StatusModule {}
