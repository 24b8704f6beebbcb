import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { toBoolean } from '../../common/params.js';

export class DeleteContainerQueryDto {
  @ApiPropertyOptional({
    description: 'Also remove it from backup jobs, replication, HA and ACLs',
    default: false,
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'purge must be true or false' })
  purge?: boolean;

  @ApiPropertyOptional({
    description: 'Stop the container first if it is running',
    default: false,
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'force must be true or false' })
  force?: boolean;
}
