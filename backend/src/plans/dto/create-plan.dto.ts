import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { SELECTOR_MAX_LENGTH } from '../../selectors/selector.js';
import { PLAN_ACTIONS, type PlanAction } from '../plan-actions.js';

export const PLAN_MAX_TARGETS = 1_000;

export class PlanParamsDto {
  @ApiPropertyOptional({
    description: 'delete: also remove it from backup jobs, replication, HA and ACLs',
    default: false,
  })
  @IsOptional()
  @IsBoolean({ message: 'params.purge must be true or false' })
  purge?: boolean;

  @ApiPropertyOptional({
    description: 'delete: stop a running container first (otherwise it is skipped)',
    default: false,
  })
  @IsOptional()
  @IsBoolean({ message: 'params.force must be true or false' })
  force?: boolean;
}

export class CreatePlanDto {
  @ApiProperty({ enum: PLAN_ACTIONS, example: 'stop' })
  @IsIn(PLAN_ACTIONS, { message: `action must be one of ${PLAN_ACTIONS.join(', ')}` })
  action: PlanAction;

  @ApiPropertyOptional({
    description: 'Which containers, in the selector syntax of GET /api/containers (or vmids)',
    example: 'tag:web -node:pve2',
  })
  @IsOptional()
  @IsString({ message: 'selector must be text' })
  @MaxLength(SELECTOR_MAX_LENGTH)
  selector?: string;

  @ApiPropertyOptional({ type: [Number], description: 'Which containers, by id (or selector)' })
  @IsOptional()
  @IsArray({ message: 'vmids must be a list of container ids' })
  @ArrayMinSize(1, { message: 'vmids needs at least one container id' })
  @ArrayMaxSize(PLAN_MAX_TARGETS, { message: `a plan has at most ${PLAN_MAX_TARGETS} targets` })
  @IsInt({ each: true, message: 'each vmid must be a whole number' })
  @Min(100, { each: true, message: 'a vmid is at least 100' })
  @Max(999_999_999, { each: true, message: 'a vmid is at most 999999999' })
  vmids?: number[];

  @ApiPropertyOptional({ type: PlanParamsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlanParamsDto)
  params?: PlanParamsDto;
}

export const PLAN_MAX_CONCURRENCY = 16;
export const PLAN_DEFAULT_CONCURRENCY = 4;

export class ExecutePlanDto {
  @ApiPropertyOptional({
    description: 'How many targets run at once',
    default: PLAN_DEFAULT_CONCURRENCY,
    minimum: 1,
    maximum: PLAN_MAX_CONCURRENCY,
  })
  @IsOptional()
  @IsInt({ message: 'concurrency must be a whole number' })
  @Min(1, { message: 'concurrency is at least 1' })
  @Max(PLAN_MAX_CONCURRENCY, { message: `concurrency is at most ${PLAN_MAX_CONCURRENCY}` })
  concurrency?: number;
}
