import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FreshnessDto } from '../../common/freshness.dto.js';

export class TaskRefDto {
  @ApiProperty({
    description: 'Proxmox task id; follow it with GET /api/tasks/{upid}',
    example: 'UPID:pve1:000A1B2C:0012D687:6745A1B2:vzstart:101:proxicloud@pve!console:',
  })
  upid: string;
}

export class TaskDto {
  @ApiProperty()
  upid: string;

  @ApiProperty({ example: 'pve1' })
  node: string;

  @ApiProperty({ description: 'Worker type', example: 'vzstart' })
  type: string;

  @ApiProperty({ description: 'Usually the vmid', example: '101' })
  id: string;

  @ApiProperty({
    description: 'Who started it (user@realm or user@realm!token)',
    example: 'root@pam',
  })
  user: string;

  @ApiProperty({ description: 'Start, epoch seconds' })
  starttime: number;

  @ApiPropertyOptional({ description: 'End, epoch seconds (when stopped)' })
  endtime?: number;

  @ApiProperty({ enum: ['running', 'stopped'] })
  status: string;

  @ApiPropertyOptional({
    description: 'When stopped: OK, WARNINGS: n, or the error text',
    example: 'OK',
  })
  exitstatus?: string;

  @ApiPropertyOptional({ description: 'When stopped: true for OK and WARNINGS' })
  ok?: boolean;

  @ApiPropertyOptional({
    description:
      "Set when the task failed because the container was locked: the lock (backup, snapshot, ...) or 'config' when another task held its config file lock",
    example: 'backup',
  })
  lockedBy?: string;
}

export class TaskLogLineDto {
  @ApiProperty({ description: 'Line number, from 1' })
  n: number;

  @ApiProperty({ description: 'Text' })
  t: string;
}

export class TaskHaDto {
  @ApiProperty({ enum: ['start', 'stop'], description: 'What the HA manager was asked to do' })
  action: 'start' | 'stop';

  @ApiProperty({
    enum: ['requested', 'done', 'failed'],
    description:
      'requested: the HA manager has not yet brought the CT to that state (the task itself ended OK at once); done: /cluster/resources shows it; failed: the HA state is error or fence',
  })
  progress: 'requested' | 'done' | 'failed';

  @ApiProperty({ example: 'HA: start requested' })
  message: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The CT's HA state now",
    example: 'started',
  })
  hastate: string | null;
}

export class TaskDetailDto extends TaskDto {
  @ApiPropertyOptional({
    type: TaskHaDto,
    description:
      "An HA-managed CT's hastart/hastop task that ended OK: the action is done only when `progress` is done (the HA manager acts a little later)",
  })
  ha?: TaskHaDto;

  @ApiProperty({ type: [TaskLogLineDto] })
  log: TaskLogLineDto[];

  @ApiProperty({ description: 'Total number of log lines' })
  logTotal: number;

  @ApiProperty({
    description:
      'True when Proxmox could not be reached and this is the last known state (a running task may have moved on)',
    example: false,
  })
  stale: boolean;

  @ApiProperty({
    description: 'When Proxmox gave this data, ISO 8601 (a finished task is not asked again)',
    example: '2026-11-26T04:10:00.000Z',
  })
  fetchedAt: string;
}

export class TaskListDto extends FreshnessDto {
  @ApiProperty({ type: [TaskDto] })
  items: TaskDto[];
}
