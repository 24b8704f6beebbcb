import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PLAN_STATES, TARGET_STATUSES } from '../entities/plan.entity.js';
import { PLAN_ACTIONS } from '../plan-actions.js';
import { WARNING_CODES } from '../plan-targets.js';
import { PlanParamsDto } from './create-plan.dto.js';

export class PlanWarningDto {
  @ApiProperty({ enum: WARNING_CODES })
  code: string;

  @ApiProperty({ example: 'already stopped: skipped' })
  message: string;
}

export class PlanTargetDto {
  @ApiProperty({ example: 101 })
  vmid: number;

  @ApiProperty({ example: 'web-1' })
  name: string;

  @ApiProperty({ example: 'pve1' })
  node: string;

  @ApiProperty({ description: 'Whether the Proxmox token and your console role allow it' })
  allowed: boolean;

  @ApiPropertyOptional({
    description: 'Why not: the missing privilege and its path, or the console role needed',
    example: 'The Proxmox token lacks VM.PowerMgmt on /vms/105',
  })
  reason?: string;

  @ApiProperty({ type: [PlanWarningDto] })
  warnings: PlanWarningDto[];

  @ApiProperty({ enum: TARGET_STATUSES })
  status: string;

  @ApiPropertyOptional({ description: 'The Proxmox task started for this target' })
  upid?: string;

  @ApiPropertyOptional({ description: 'Why it failed or was skipped' })
  error?: string;

  @ApiPropertyOptional({ description: 'ISO 8601' })
  startedAt?: string;

  @ApiPropertyOptional({ description: 'ISO 8601' })
  endedAt?: string;
}

export class PlanDto {
  @ApiProperty({ example: '3f0c2a4e-8a1b-4c55-9d3e-2b7f6a1c0d9e' })
  id: string;

  @ApiProperty({ enum: PLAN_ACTIONS })
  action: string;

  @ApiPropertyOptional({ example: 'tag:web' })
  selector?: string;

  @ApiProperty({ type: PlanParamsDto })
  params: PlanParamsDto;

  @ApiProperty({ enum: PLAN_STATES })
  state: string;

  @ApiProperty({ type: [PlanTargetDto] })
  targets: PlanTargetDto[];

  @ApiProperty({ example: 'alice' })
  createdBy: string;

  @ApiProperty({ description: 'ISO 8601' })
  createdAt: string;

  @ApiProperty({ description: 'After this (ISO 8601) the plan can no longer be executed' })
  expiresAt: string;

  @ApiPropertyOptional()
  executedBy?: string;

  @ApiPropertyOptional({ description: 'ISO 8601' })
  startedAt?: string;

  @ApiPropertyOptional({ description: 'ISO 8601' })
  endedAt?: string;

  @ApiPropertyOptional()
  concurrency?: number;
}
