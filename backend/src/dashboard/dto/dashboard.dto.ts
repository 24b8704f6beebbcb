import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ActivityEntryDto } from '../../activity/dto/activity-entry.dto.js';
import { ContainerSummaryDto } from '../../containers/dto/container.dto.js';
import { NodeDto } from '../../nodes/dto/node.dto.js';
import { TaskDto } from '../../tasks/dto/task.dto.js';

/** Templates count in total (as the container list shows them) and in templates, nowhere else. */
export class StatusCountsDto {
  @ApiProperty({ description: 'Every container, templates included (as the container list)' })
  total: number;
  @ApiProperty() running: number;
  @ApiProperty({ description: 'Stopped containers that are not templates' }) stopped: number;
  @ApiProperty({ description: 'On nodes that cannot be reached' }) unknown: number;
  @ApiProperty({ description: 'Container templates (never run; not in the other counts)' })
  templates: number;
}

export class UsageDto {
  @ApiProperty({ description: 'Used (cores for CPU, bytes otherwise)' }) used: number;
  @ApiProperty({ description: 'Total (cores for CPU, bytes otherwise)' }) total: number;
  @ApiProperty({ description: 'used / total, 0..1' }) fraction: number;
}

export class TopConsumersDto {
  @ApiProperty({ type: [ContainerSummaryDto] }) cpu: ContainerSummaryDto[];
  @ApiProperty({ type: [ContainerSummaryDto] }) memory: ContainerSummaryDto[];
}

export class DashboardDto {
  @ApiProperty({ type: StatusCountsDto }) containers: StatusCountsDto;
  @ApiProperty({ type: UsageDto }) cpu: UsageDto;
  @ApiProperty({ type: UsageDto }) memory: UsageDto;
  @ApiProperty({ type: UsageDto }) storage: UsageDto;
  @ApiProperty({ type: [NodeDto] }) nodes: NodeDto[];
  @ApiProperty({ type: TopConsumersDto }) topConsumers: TopConsumersDto;
  @ApiProperty({ type: [TaskDto] }) recentTasks: TaskDto[];
  @ApiProperty({ type: [ActivityEntryDto] }) recentActivity: ActivityEntryDto[];
  @ApiPropertyOptional({ description: 'The node this dashboard is scoped to, when one was asked' })
  node?: string;
  @ApiProperty({ description: 'When Proxmox answered, ISO 8601' }) fetchedAt: string;
  @ApiProperty({ description: 'True when this is the last known state, Proxmox being unreachable' })
  stale: boolean;
}
