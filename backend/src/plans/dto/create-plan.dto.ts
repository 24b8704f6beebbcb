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
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { BACKUP_COMPRESSIONS, BACKUP_MODES } from '../../backups/dto/backup.dto.js';
import { DEFAULT_STALE_DAYS } from '../../backups/backups.service.js';
import { TAG } from '../../containers/dto/patterns.js';
import { SELECTOR_MAX_LENGTH } from '../../selectors/selector.js';
import { SNAPSHOT_NAME, SNAPSHOT_NAME_MESSAGE } from '../../snapshots/dto/snapshot.dto.js';
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

  @ApiPropertyOptional({
    description: 'delete: warn about a container whose newest backup is older than this many days',
    default: DEFAULT_STALE_DAYS,
    minimum: 1,
    maximum: 3650,
  })
  @IsOptional()
  @IsInt({ message: 'params.staleDays must be a whole number of days' })
  @Min(1, { message: 'params.staleDays is at least 1' })
  @Max(3650, { message: 'params.staleDays is at most 3650' })
  staleDays?: number;

  @ApiPropertyOptional({
    description: `snapshot (required): the snapshot name, the same on every target; ${SNAPSHOT_NAME_MESSAGE}`,
    example: 'before-upgrade',
  })
  @IsOptional()
  @IsString({ message: 'params.name must be text' })
  @Matches(SNAPSHOT_NAME, { message: `params.name: ${SNAPSHOT_NAME_MESSAGE}` })
  name?: string;

  @ApiPropertyOptional({ description: 'snapshot: its description', example: 'before upgrade' })
  @IsOptional()
  @IsString({ message: 'params.description must be text' })
  @MaxLength(8192)
  description?: string;

  @ApiPropertyOptional({
    description:
      'backup: storage for the archives (default: the first one of each node that allows backups)',
    example: 'local',
  })
  @IsOptional()
  @IsString({ message: 'params.storage must be text' })
  @Matches(/^[a-z][a-z0-9\-_.]*[a-z0-9]$/i, { message: 'params.storage must be a storage id' })
  storage?: string;

  @ApiPropertyOptional({
    enum: BACKUP_MODES,
    description: 'backup: vzdump mode',
    default: 'snapshot',
  })
  @IsOptional()
  @IsIn(BACKUP_MODES, { message: `params.mode must be one of ${BACKUP_MODES.join(', ')}` })
  mode?: (typeof BACKUP_MODES)[number];

  @ApiPropertyOptional({ enum: BACKUP_COMPRESSIONS, default: 'zstd' })
  @IsOptional()
  @IsIn(BACKUP_COMPRESSIONS, {
    message: `params.compress must be one of ${BACKUP_COMPRESSIONS.join(', ')}`,
  })
  compress?: (typeof BACKUP_COMPRESSIONS)[number];

  @ApiPropertyOptional({
    description:
      'backup: notes kept with each archive (one line; {{guestname}}, {{node}}, {{vmid}}, {{cluster}} are filled in)',
  })
  @IsOptional()
  @IsString({ message: 'params.notes must be text' })
  @MaxLength(512)
  notes?: string;

  @ApiPropertyOptional({ type: [String], description: 'tag: tags to add', example: ['web'] })
  @IsOptional()
  @IsArray({ message: 'params.add must be a list of tags' })
  @ArrayMaxSize(32)
  @Matches(TAG, {
    each: true,
    message: "params.add: each tag may hold letters, digits, '_', '-', '+' and '.'",
  })
  add?: string[];

  @ApiPropertyOptional({ type: [String], description: 'tag: tags to remove', example: ['dev'] })
  @IsOptional()
  @IsArray({ message: 'params.remove must be a list of tags' })
  @ArrayMaxSize(32)
  @Matches(TAG, {
    each: true,
    message: "params.remove: each tag may hold letters, digits, '_', '-', '+' and '.'",
  })
  remove?: string[];
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
