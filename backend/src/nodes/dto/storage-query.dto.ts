import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const STORAGE_CONTENT_TYPES = ['rootdir', 'images', 'vztmpl', 'iso', 'backup', 'snippets'];

export class StorageQueryDto {
  @ApiPropertyOptional({
    enum: STORAGE_CONTENT_TYPES,
    description: 'Only storages that can hold this content',
  })
  @IsOptional()
  @IsIn(STORAGE_CONTENT_TYPES, {
    message: `content must be one of ${STORAGE_CONTENT_TYPES.join(', ')}`,
  })
  content?: string;
}
