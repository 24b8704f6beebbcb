import { ApiProperty } from '@nestjs/swagger';
import { CHART_METRICS, type ChartMetric } from './series-query.dto.js';

export const SERIES_UNITS = ['ratio', 'bytes', 'bytes/s'] as const;
export type SeriesUnit = (typeof SERIES_UNITS)[number];

const NULLABLE_NUMBERS = {
  type: 'array',
  items: { type: 'number', nullable: true },
} as const;

/** One data source of a chart, column-wise: the i-th value belongs to the i-th time. */
export class SeriesValuesDto {
  @ApiProperty({ example: 'netin', description: 'PVE data source name' })
  key: string;

  @ApiProperty({ enum: SERIES_UNITS, description: 'cpu is a fraction of the allotted cores' })
  unit: SeriesUnit;

  @ApiProperty({ ...NULLABLE_NUMBERS, description: 'Minimum per point (null: no data)' })
  min: (number | null)[];

  @ApiProperty({ ...NULLABLE_NUMBERS, description: 'Time-weighted mean per point' })
  avg: (number | null)[];

  @ApiProperty({ ...NULLABLE_NUMBERS, description: 'Maximum per point' })
  max: (number | null)[];
}

export class AnalyticsSeriesDto {
  @ApiProperty({ enum: ['container', 'node'] })
  subject: 'container' | 'node';

  @ApiProperty({ example: '101', description: 'vmid or node name' })
  id: string;

  @ApiProperty({ enum: CHART_METRICS })
  metric: ChartMetric;

  @ApiProperty({ description: 'Window start, epoch seconds' })
  from: number;

  @ApiProperty({ description: 'Window end, epoch seconds' })
  to: number;

  @ApiProperty({
    description: 'Seconds per point; each time is the start of its bucket',
    example: 60,
  })
  step: number;

  @ApiProperty({ enum: ['raw', '5m', '1h'], description: 'Stored tier the points come from' })
  source: 'raw' | '5m' | '1h';

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Largest capacity in the window (maxcpu, maxmem or maxdisk)',
  })
  capacity: number | null;

  @ApiProperty({ type: [Number], description: 'Bucket start times, epoch seconds, ascending' })
  t: number[];

  @ApiProperty({ type: [SeriesValuesDto] })
  series: SeriesValuesDto[];
}
