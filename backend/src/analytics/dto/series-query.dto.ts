import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { RANGES } from '../series-resolution.js';

export const CHART_METRICS = ['cpu', 'memory', 'network', 'disk'] as const;
export type ChartMetric = (typeof CHART_METRICS)[number];
export const RANGE_NAMES = Object.keys(RANGES) as (keyof typeof RANGES)[];

/** A time window: a named range ending now, or explicit from/to (epoch seconds). */
export class TimeWindowQueryDto {
  @ApiPropertyOptional({
    enum: RANGE_NAMES,
    default: '24h',
    description: 'Ignored when from is set',
  })
  @IsOptional()
  @IsIn(RANGE_NAMES, { message: `range must be one of ${RANGE_NAMES.join(', ')}` })
  range?: keyof typeof RANGES;

  @ApiPropertyOptional({ description: 'Start, epoch seconds', example: 1_795_000_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'from must be epoch seconds' })
  @Min(0)
  from?: number;

  @ApiPropertyOptional({ description: 'End, epoch seconds (default now)', example: 1_795_086_400 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'to must be epoch seconds' })
  @Max(4_102_444_800)
  to?: number;
}

export class SeriesQueryDto extends TimeWindowQueryDto {
  @ApiPropertyOptional({ enum: CHART_METRICS, default: 'cpu' })
  @IsOptional()
  @IsIn(CHART_METRICS, { message: `metric must be one of ${CHART_METRICS.join(', ')}` })
  metric?: ChartMetric;
}

export class SummaryQueryDto extends TimeWindowQueryDto {
  @ApiPropertyOptional({ description: 'Entries per top list', default: 5, minimum: 1, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}
