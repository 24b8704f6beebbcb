import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ActivityEntryDto {
  @ApiProperty({ example: 42 })
  id: number;

  @ApiProperty({ description: 'When, ISO 8601', example: '2026-11-26T04:10:00.000Z' })
  at: string;

  @ApiProperty({
    example: 'alice',
    description: 'Username, token:<name>, or console for system actions',
  })
  actor: string;

  @ApiProperty({ example: 'start' })
  action: string;

  @ApiProperty({ example: 'ct/101' })
  target: string;

  @ApiProperty({ example: 'pve1' })
  node: string;

  @ApiPropertyOptional()
  upid?: string;

  @ApiProperty({ enum: ['started', 'ok', 'error', 'locked'] })
  result: string;

  @ApiPropertyOptional({ description: "Proxmox's exit status or error" })
  message?: string;

  @ApiPropertyOptional({ description: 'When the Proxmox task ended, ISO 8601' })
  endedAt?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'A plan run: the containers it acted on (target is plan/<id>)',
    example: ['ct/101', 'ct/102'],
  })
  targets?: string[];
}

export class ActivityPageDto {
  @ApiProperty({ type: [ActivityEntryDto], description: 'Newest first' })
  entries: ActivityEntryDto[];

  @ApiProperty({ description: 'Entries matching the filters in all' })
  total: number;
}
