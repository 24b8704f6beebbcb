import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class ListTasksQueryDto {
  @ApiPropertyOptional({ description: 'Only tasks of this guest', example: 101 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'vmid must be a whole number' })
  @Min(100, { message: 'vmid must be at least 100' })
  @Max(999_999_999, { message: 'vmid must be at most 999999999' })
  vmid?: number;

  @ApiPropertyOptional({ description: 'How many (newest first)', default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(500, { message: 'limit must be at most 500' })
  limit?: number;
}

export class TaskLogQueryDto {
  @ApiPropertyOptional({ description: 'First log line to return (0-based)', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'start must be a whole number' })
  @Min(0, { message: 'start must not be negative' })
  start?: number;

  @ApiPropertyOptional({ description: 'How many log lines', default: 500, maximum: 5000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(5000, { message: 'limit must be at most 5000' })
  limit?: number;
}
