import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class DashboardQueryDto {
  @ApiPropertyOptional({
    description:
      'Only this node: its containers, use, storages and tasks (the top-bar node picker)',
    example: 'pve1',
  })
  @IsOptional()
  @Matches(/^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/, { message: 'node must be a node name' })
  node?: string;
}
