import { ApiProperty } from '@nestjs/swagger';

export class AnalyticsTopConsumerDto {
  @ApiProperty({ example: 101 })
  vmid: number;

  @ApiProperty({ example: 'web-1' })
  name: string;

  @ApiProperty({ example: 'pve1', description: 'Node the container was last seen on' })
  node: string;

  @ApiProperty({ description: 'Mean over the window, in the list unit' })
  value: number;
}

export class AnalyticsTopConsumersDto {
  @ApiProperty({ type: [AnalyticsTopConsumerDto], description: 'CPU cores in use (cpu × maxcpu)' })
  cpu: AnalyticsTopConsumerDto[];

  @ApiProperty({ type: [AnalyticsTopConsumerDto], description: 'Memory in use, bytes' })
  memory: AnalyticsTopConsumerDto[];

  @ApiProperty({ type: [AnalyticsTopConsumerDto], description: 'Network in + out, bytes/s' })
  network: AnalyticsTopConsumerDto[];

  @ApiProperty({ type: [AnalyticsTopConsumerDto], description: 'Root disk used, bytes' })
  disk: AnalyticsTopConsumerDto[];

  @ApiProperty({ type: [AnalyticsTopConsumerDto], description: 'Disk read + write, bytes/s' })
  diskio: AnalyticsTopConsumerDto[];
}

/** Sums over all containers of their mean over the window. */
export class ClusterTotalsDto {
  @ApiProperty({ description: 'Containers with data in the window' })
  containers: number;

  @ApiProperty({ description: 'Containers running at the last collection' })
  running: number;

  @ApiProperty({ description: 'CPU cores in use' })
  cpuCores: number;

  @ApiProperty({ description: 'Memory in use, bytes' })
  memoryBytes: number;

  @ApiProperty({ description: 'Root disks used, bytes' })
  diskBytes: number;

  @ApiProperty({ description: 'Network received, bytes/s' })
  netinBps: number;

  @ApiProperty({ description: 'Network sent, bytes/s' })
  netoutBps: number;

  @ApiProperty({ description: 'Disk read, bytes/s' })
  diskreadBps: number;

  @ApiProperty({ description: 'Disk written, bytes/s' })
  diskwriteBps: number;
}

export class AnalyticsSummaryDto {
  @ApiProperty()
  from: number;

  @ApiProperty()
  to: number;

  @ApiProperty({
    description: 'Epoch seconds of the last successful collection',
    nullable: true,
    type: Number,
  })
  collectedAt: number | null;

  @ApiProperty({ type: ClusterTotalsDto })
  totals: ClusterTotalsDto;

  @ApiProperty({ type: AnalyticsTopConsumersDto })
  top: AnalyticsTopConsumersDto;
}
