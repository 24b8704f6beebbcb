import { Module } from '@nestjs/common';
import { SessionsModule } from '../auth/sessions.module.js';
import { ContainerAddressesModule } from '../containers/container-addresses.module.js';
import { StatusModule } from '../status/status.module.js';
import { ClusterEvents } from './cluster-events.js';
import { EventsController } from './events.controller.js';
import { EventsService } from './events.service.js';

/**
 * GET /api/events and EventsService, the publish API other features use (activity publishes
 * tasks, plans their progress). The cluster state (containers, nodes) and reachability are
 * published by ClusterEvents.
 */
@Module({
  imports: [SessionsModule, StatusModule, ContainerAddressesModule],
  controllers: [EventsController],
  providers: [EventsService, ClusterEvents],
  exports: [EventsService],
})
export class EventsModule {}
