import { Controller, type MessageEvent, Req, Sse } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { getPrincipal } from '../auth/principal.js';
import { NodeListDto } from '../nodes/dto/node.dto.js';
import { ConnectionStatusDto } from '../status/dto/connection-status.dto.js';
import { TaskDto } from '../tasks/dto/task.dto.js';
import { ContainersEventDto, StreamEndEventDto } from './dto/live-event.dto.js';
import { EventsService } from './events.service.js';

/**
 * Characters of events that may wait for a stream whose client is not reading (Nest drops the
 * connection past it; the EventSource reconnects and starts again from the whole list). A whole
 * 5,000-container list is about 1.5 MB, so a stream this far behind costs less to restart than
 * to catch up, and a stalled tab cannot hold more than this of the console's memory; the other
 * streams are written independently and never wait for it.
 */
export const MAX_PENDING_CHARS = 2 * 1024 * 1024;

const EVENT_MODELS = [
  ConnectionStatusDto,
  ContainersEventDto,
  NodeListDto,
  TaskDto,
  StreamEndEventDto,
] as const;

@ApiTags('events')
@ApiExtraModels(...EVENT_MODELS)
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Sse(undefined, { maxPendingDataLength: MAX_PENDING_CHARS })
  @ApiOperation({
    summary: 'Live updates: one server-sent-event stream per browser tab',
    description:
      'Consume with EventSource. Named events, data as JSON: `status` (ConnectionStatusDto), ' +
      '`containers` (ContainersEventDto: the whole list first, then changes), `nodes` ' +
      '(NodeListDto), `task` (TaskDto, when a task the console started starts or ends) and ' +
      '`end` (StreamEndEventDto); the name `plan` is kept for plan progress. A new stream starts with the ' +
      'current status and lists. The server closes the stream when the session ends, expires or ' +
      'changes role, or the API token is revoked, after an `end` event: reconnecting then ' +
      'answers 401 (or a stream for the new role). A comment line comes every 15 s. State changes ' +
      'of containers (status, name, node, tags, lock, ...) are sent as they are seen, at most one ' +
      '`containers` event per second; CPU, memory and disk at most every 10 s when they moved ' +
      "visibly, and every row's usage (counters, uptime) at least once a minute. A client that falls more than 2M characters behind is disconnected (an " +
      'EventSource reconnects and gets the whole list again).',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'An endless text/event-stream of the events above',
    content: {
      'text/event-stream': {
        schema: { oneOf: EVENT_MODELS.map((m) => ({ $ref: getSchemaPath(m) })) },
      },
    },
  })
  streamEvents(@Req() req: Request): Observable<MessageEvent> {
    // the guard admits no anonymous caller here, so a principal is always set
    return this.events.stream(getPrincipal(req)!);
  }
}
