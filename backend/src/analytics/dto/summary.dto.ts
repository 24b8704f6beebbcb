import { ApiProperty } from '@nestjs/swagger';

export class TopConsumerDto {
  @ApiProperty({ example: 101 })
  vmid: number;

  @ApiProperty({ example: 'web-1' })
  name: string;

  @ApiProperty({ example: 'pve1', description: 'Node the container was last seen on' })
  node: string;

  @ApiProperty({ description: 'Mean over the window, in the list unit' })
  value: number;
}

export class TopConsumersDto {
  @ApiProperty({ type: [TopConsumerDto], description: 'CPU cores in use (cpu × maxcpu)' })
  cpu: TopConsumerDto[];

  @ApiProperty({ type: [TopConsumerDto], description: 'Memory in use, bytes' })
  memory: TopConsumerDto[];

  @ApiProperty({ type: [TopConsumerDto], description: 'Network in + out, bytes/s' })
  network: TopConsumerDto[];

  @ApiProperty({ type: [TopConsumerDto], description: 'Root disk used, bytes' })
  disk: TopConsumerDto[];

  @ApiProperty({ type: [TopConsumerDto], description: 'Disk read + write, bytes/s' })
  diskio: TopConsumerDto[];
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

  @ApiProperty({ type: TopConsumersDto })
  top: TopConsumersDto;
}
