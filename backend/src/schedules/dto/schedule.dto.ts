import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PlanParamsDto } from '../../plans/dto/create-plan.dto.js';
import { PlanDto } from '../../plans/dto/plan.dto.js';
import { PLAN_STATES, type PlanState } from '../../plans/entities/plan.entity.js';
import { SELECTOR_MAX_LENGTH } from '../../selectors/selector.js';
import { SCHEDULE_SOURCES, type ScheduleSource } from '../entities/schedule.entity.js';

/**
 * Actions a schedule may run. Not delete (a selector re-resolved every day is no way to delete),
 * not snapshot (one fixed snapshot name cannot be taken twice).
 */
export const SCHEDULE_ACTIONS = ['start', 'stop', 'shutdown', 'reboot', 'backup', 'tag'] as const;
export type ScheduleAction = (typeof SCHEDULE_ACTIONS)[number];

export class ScheduleLastRunDto {
  @ApiProperty({ description: 'When the occurrence was due (ISO 8601)' })
  at: string;

  @ApiPropertyOptional({ description: 'The plan this run made (GET /api/plans/{id})' })
  planId?: string;

  @ApiPropertyOptional({ enum: PLAN_STATES })
  state?: PlanState;

  @ApiProperty({
    description: 'What it came to: per-status counts, nothing to do, missed or why it failed',
    example: '2 ok, 1 skipped',
  })
  summary: string;
}

export class ScheduleDto {
  @ApiProperty({ example: '3f0c2a4e-8a1b-4c55-9d3e-2b7f6a1c0d9e' })
  id: string;

  @ApiProperty({ example: 'stop dev at night' })
  name: string;

  @ApiProperty({
    enum: SCHEDULE_SOURCES,
    description: 'api: made here; tag: follows a pxc.schedule.HHMM-HHMM tag (read-only)',
  })
  source: ScheduleSource;

  @ApiProperty({ enum: SCHEDULE_ACTIONS })
  action: ScheduleAction;

  @ApiProperty({ example: 'tag:dev' })
  selector: string;

  @ApiProperty({ type: PlanParamsDto })
  params: PlanParamsDto;

  @ApiProperty({ example: '0 20 * * 1-5' })
  cron: string;

  @ApiProperty({ example: 'Europe/Berlin' })
  timeZone: string;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ description: 'The console role its runs act with' })
  role: string;

  @ApiProperty({ example: 'alice' })
  createdBy: string;

  @ApiProperty({ description: 'ISO 8601' })
  createdAt: string;

  @ApiPropertyOptional({ description: 'The next run (ISO 8601); absent while disabled' })
  nextRunAt?: string;

  @ApiPropertyOptional({ type: ScheduleLastRunDto })
  lastRun?: ScheduleLastRunDto;
}

export class ScheduleListDto {
  @ApiProperty({ type: [ScheduleDto] })
  items: ScheduleDto[];

  @ApiProperty({
    description: 'The time zone tag schedules are read in (the console host’s)',
    example: 'Europe/Berlin',
  })
  tagTimeZone: string;
}

export class ScheduleRunsDto {
  @ApiProperty({ type: [PlanDto], description: 'Newest first' })
  items: PlanDto[];
}

const CRON_DOC = 'minute hour day-of-month month day-of-week, read in timeZone';

export class UpdateScheduleDto {
  @ApiPropertyOptional({ example: 'stop dev at night' })
  @IsOptional()
  @IsString({ message: 'name must be text' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100, { message: 'name is at most 100 characters' })
  name?: string;

  @ApiPropertyOptional({ description: 'Resolved again at every run', example: 'tag:dev' })
  @IsOptional()
  @IsString({ message: 'selector must be text' })
  @MaxLength(SELECTOR_MAX_LENGTH)
  selector?: string;

  @ApiPropertyOptional({ type: PlanParamsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlanParamsDto)
  params?: PlanParamsDto;

  @ApiPropertyOptional({ description: CRON_DOC, example: '0 20 * * 1-5' })
  @IsOptional()
  @IsString({ message: 'cron must be text' })
  @MaxLength(100)
  cron?: string;

  @ApiPropertyOptional({ description: 'IANA time zone', example: 'Europe/Berlin' })
  @IsOptional()
  @IsString({ message: 'timeZone must be text' })
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}

export class CreateScheduleDto {
  @ApiProperty({ example: 'stop dev at night' })
  @IsString({ message: 'name must be text' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100, { message: 'name is at most 100 characters' })
  name: string;

  @ApiProperty({ enum: SCHEDULE_ACTIONS, example: 'stop' })
  @IsIn(SCHEDULE_ACTIONS, { message: `action must be one of ${SCHEDULE_ACTIONS.join(', ')}` })
  action: ScheduleAction;

  @ApiProperty({ description: 'Resolved again at every run', example: 'tag:dev' })
  @IsString({ message: 'selector must be text' })
  @MaxLength(SELECTOR_MAX_LENGTH)
  selector: string;

  @ApiPropertyOptional({ type: PlanParamsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlanParamsDto)
  params?: PlanParamsDto;

  @ApiProperty({ description: CRON_DOC, example: '0 20 * * 1-5' })
  @IsString({ message: 'cron must be text' })
  @MaxLength(100)
  cron: string;

  @ApiPropertyOptional({
    description: 'IANA time zone (default: the console host’s)',
    example: 'Europe/Berlin',
  })
  @IsOptional()
  @IsString({ message: 'timeZone must be text' })
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}
