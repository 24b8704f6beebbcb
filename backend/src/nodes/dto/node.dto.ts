import { ApiProperty } from '@nestjs/swagger';
import { FreshnessDto } from '../../common/freshness.dto.js';

export class NodeDto {
  @ApiProperty({ example: 'pve1' })
  node: string;

  @ApiProperty({ enum: ['online', 'offline', 'unknown'], example: 'online' })
  status: string;

  @ApiProperty({ description: 'CPU use as a fraction of all cores (0..1)', example: 0.12 })
  cpu: number;

  @ApiProperty({ description: 'Number of CPU cores', example: 16 })
  maxcpu: number;

  @ApiProperty({ description: 'Memory used, bytes', example: 8589934592 })
  mem: number;

  @ApiProperty({ description: 'Memory size, bytes', example: 68719476736 })
  maxmem: number;

  @ApiProperty({ description: 'Root disk used, bytes', example: 10737418240 })
  disk: number;

  @ApiProperty({ description: 'Root disk size, bytes', example: 107374182400 })
  maxdisk: number;

  @ApiProperty({ description: 'Seconds since boot', example: 86400 })
  uptime: number;

  @ApiProperty({ description: 'Number of LXC containers on the node', example: 4 })
  containers: number;
}

export class StorageDto {
  @ApiProperty({ example: 'local-lvm' })
  storage: string;

  @ApiProperty({ example: 'pve1' })
  node: string;

  @ApiProperty({ description: 'Storage plugin type', example: 'lvmthin' })
  type: string;

  @ApiProperty({ type: [String], example: ['rootdir', 'images'] })
  content: string[];

  @ApiProperty({ description: 'Bytes', example: 500107862016 })
  total: number;

  @ApiProperty({ description: 'Bytes', example: 107374182400 })
  used: number;

  @ApiProperty({ description: 'Bytes', example: 392733679616 })
  avail: number;

  @ApiProperty({ example: false })
  shared: boolean;

  @ApiProperty({ example: true })
  active: boolean;
}

export class NodeListDto extends FreshnessDto {
  @ApiProperty({ type: [NodeDto] })
  items: NodeDto[];
}

export class StorageListDto extends FreshnessDto {
  @ApiProperty({ type: [StorageDto] })
  items: StorageDto[];
}
