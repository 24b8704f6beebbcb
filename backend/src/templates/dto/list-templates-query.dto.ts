import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { toBoolean } from '../../common/params.js';

export class ListTemplatesQueryDto {
  @ApiPropertyOptional({ description: 'Also list every uncurated template', default: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'all must be true or false' })
  all?: boolean;
}
