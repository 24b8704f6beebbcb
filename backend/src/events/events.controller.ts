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

  @Sse()
  @ApiOperation({
    summary: 'Live updates: one server-sent-event stream per browser tab',
    description:
      'Consume with EventSource. Named events, data as JSON: `status` (ConnectionStatusDto), ' +
      '`containers` (ContainersEventDto: the whole list first, then changes), `nodes` ' +
      '(NodeListDto), `task` (TaskDto, when a task the console started starts or ends) and ' +
      '`end` (StreamEndEventDto); the name `plan` is kept for plan progress. A new stream starts with the ' +
      'current status and lists. The server closes the stream when the session ends, expires or ' +
      'changes role, or the API token is revoked, after an `end` event: reconnecting then ' +
      'answers 401 (or a stream for the new role). A comment line comes every 15 s.',
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
