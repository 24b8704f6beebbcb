import { ApiProperty } from '@nestjs/swagger';
import { ActivityEntryDto } from '../../activity/dto/activity-entry.dto.js';
import { ContainerSummaryDto } from '../../containers/dto/container.dto.js';
import { NodeDto } from '../../nodes/dto/node.dto.js';
import { TaskDto } from '../../tasks/dto/task.dto.js';

export class StatusCountsDto {
  @ApiProperty() total: number;
  @ApiProperty() running: number;
  @ApiProperty() stopped: number;
  @ApiProperty({ description: 'On nodes that cannot be reached' }) unknown: number;
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
  @ApiProperty({ description: 'When Proxmox answered, ISO 8601' }) fetchedAt: string;
  @ApiProperty({ description: 'True when this is the last known state, Proxmox being unreachable' })
  stale: boolean;
}
