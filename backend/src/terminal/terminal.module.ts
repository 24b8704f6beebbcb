import { Module } from '@nestjs/common';
import { SessionsModule } from '../auth/sessions.module.js';
import { ContainersModule } from '../containers/containers.module.js';
import { PermissionsModule } from '../permissions/permissions.module.js';
import { TerminalGateway } from './terminal.gateway.js';

/** The in-browser terminal: a WebSocket relayed to PVE's termproxy. */
@Module({
  imports: [SessionsModule, ContainersModule, PermissionsModule],
  providers: [TerminalGateway],
})
export class TerminalModule {}
