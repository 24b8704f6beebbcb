import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ACTIVITY_RESULTS, type ActivityResult } from '../entities/activity-entry.entity.js';

export const ACTIVITY_PAGE_MAX = 1000;
export const ACTIVITY_EXPORT_MAX = 50_000;

/** Filters of GET /api/activity and its CSV export; all optional and combined with AND. */
export class ActivityQueryDto {
  @ApiPropertyOptional({ example: 'alice', description: 'Who acted: a username or token:<name>' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  actor?: string;

  @ApiPropertyOptional({
    example: 'start',
    description:
      'create, start, stop, shutdown, reboot, delete, download; sign-in, sign-in-locked, password-change, password-locked, user-create, user-role, user-password, user-delete, token-create, token-revoke, 2fa-on, 2fa-off, 2fa-reset, 2fa-policy',
  })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  action?: string;

  @ApiPropertyOptional({
    example: 'ct/101',
    description: 'Exact target, or a prefix ending in / (ct/)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  target?: string;

  @ApiPropertyOptional({ enum: ACTIVITY_RESULTS })
  @IsOptional()
  @IsIn(ACTIVITY_RESULTS, { message: `result must be one of ${ACTIVITY_RESULTS.join(', ')}` })
  result?: ActivityResult;

  @ApiPropertyOptional({
    description: 'From this time on, ISO 8601',
    example: '2026-11-26T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'since must be an ISO 8601 date-time' })
  since?: string;

  @ApiPropertyOptional({ description: 'Before this time, ISO 8601' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'until must be an ISO 8601 date-time' })
  until?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: ACTIVITY_PAGE_MAX, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(ACTIVITY_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'Entries to skip, newest first' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be a whole number' })
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}
