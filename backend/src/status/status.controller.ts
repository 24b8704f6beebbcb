import { Controller, Get, type MessageEvent, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import { ConnectionStatusDto } from './dto/connection-status.dto.js';
import { StatusService } from './status.service.js';

@ApiTags('status')
@Controller('status')
export class StatusController {
  constructor(private readonly status: StatusService) {}

  @Get()
  @ApiOperation({
    summary: 'Connection to Proxmox: online, degraded or offline, since when and why',
  })
  @ApiOkResponse({ type: ConnectionStatusDto })
  getConnectionStatus(): ConnectionStatusDto {
    return this.status.getConnectionStatus();
  }

  @Sse('events')
  @ApiOperation({
    summary: 'Server-sent events: the connection status now, then on every change',
    description:
      'Each event is `data: <ConnectionStatusDto as JSON>` (default event type "message"). ' +
      'Consume with EventSource; the browser reconnects by itself.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'An endless text/event-stream; each event carries a ConnectionStatusDto',
    content: {
      'text/event-stream': { schema: { $ref: getSchemaPath(ConnectionStatusDto) } },
    },
  })
  streamConnectionStatus(): Observable<MessageEvent> {
    return this.status.connectionStatusChanges().pipe(map((data) => ({ data })));
  }
}
