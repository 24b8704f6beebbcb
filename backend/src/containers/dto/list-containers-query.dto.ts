import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SELECTOR_MAX_LENGTH } from '../../selectors/selector.js';

export const GUEST_STATUSES = ['running', 'stopped', 'paused', 'unknown'];

export class ListContainersQueryDto {
  @ApiPropertyOptional({ description: 'Only containers on this node', example: 'pve1' })
  @IsOptional()
  @Matches(/^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/, { message: 'node must be a node name' })
  node?: string;

  @ApiPropertyOptional({ enum: GUEST_STATUSES })
  @IsOptional()
  @IsIn(GUEST_STATUSES, { message: `status must be one of ${GUEST_STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ description: 'Text search in name, vmid and tags', example: 'web' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    description:
      'Selector: space-separated terms that must all match: tag:, node:, status:, name: (globs), ' +
      'vmid: (100 or 100-120), pool:; a leading - negates; a bare word matches name, vmid or tag',
    example: 'tag:web -node:pve2 vmid:100-120',
  })
  @IsOptional()
  @IsString()
  @MaxLength(SELECTOR_MAX_LENGTH)
  selector?: string;
}
