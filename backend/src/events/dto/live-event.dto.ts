import { ApiProperty } from '@nestjs/swagger';
import { FreshnessDto } from '../../common/freshness.dto.js';
import { ContainerSummaryDto } from '../../containers/dto/container.dto.js';

/** The names of the events GET /api/events sends (the SSE `event:` field). */
export const LIVE_EVENT_TYPES = ['status', 'containers', 'nodes', 'task', 'plan', 'end'] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

/**
 * `event: containers`. The first one a stream sends is the whole list (`full: true`); after it,
 * only what changed since the previous event, so 5,000 containers do not cross the wire every
 * few seconds when three of them changed.
 */
export class ContainersEventDto extends FreshnessDto {
  @ApiProperty({
    description:
      'True: `changed` is the whole list (replace what you hold). False: apply `changed` and `removed` to it.',
  })
  full: boolean;

  @ApiProperty({
    type: [ContainerSummaryDto],
    description: 'Containers new or changed since the previous event (all of them when full)',
  })
  changed: ContainerSummaryDto[];

  @ApiProperty({ type: [Number], description: 'vmids gone since the previous event' })
  removed: number[];
}

/** `event: end`: the last event of a stream the server closes; do not reconnect with it. */
export class StreamEndEventDto {
  @ApiProperty({
    enum: ['signed-out', 'session-expired', 'role-changed', 'token-revoked', 'shutdown'],
    description:
      'Why the stream ended: the session ended (logout, password change, deletion), expired, the role changed (sign in again to get a stream for the new role), the API token was revoked, or the console is stopping',
  })
  reason: 'signed-out' | 'session-expired' | 'role-changed' | 'token-revoked' | 'shutdown';
}
