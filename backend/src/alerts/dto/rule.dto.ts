import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import {
  RULE_KINDS,
  type RuleKind,
  SCOPE_KINDS,
  type ScopeKind,
  SEVERITIES,
  type Severity,
} from '../entities/alert-rule.entity.js';

export class AlertRuleDto {
  @ApiProperty()
  id: number;

  @ApiProperty({ example: 'web CPU' })
  name: string;

  @ApiProperty({ enum: RULE_KINDS })
  kind: RuleKind;

  @ApiProperty({ description: 'Built in: can be edited and disabled, not deleted' })
  builtin: boolean;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ enum: SEVERITIES })
  severity: Severity;

  @ApiProperty({ enum: SCOPE_KINDS })
  scopeKind: ScopeKind;

  @ApiPropertyOptional({ description: 'The tag, node, or comma-separated vmids' })
  scopeValue?: string;

  @ApiPropertyOptional({
    description:
      'Percent for cpu/memory/rootfs; failed cycles for proxmox-unreachable; days for backup-age',
  })
  threshold?: number;

  @ApiProperty({ description: 'Seconds the condition must hold before the alert fires' })
  forS: number;

  @ApiProperty({ type: [Number], description: 'Channels to notify; empty: all channels' })
  channelIds: number[];
}

export class CreateAlertRuleDto {
  @ApiProperty({ example: 'web CPU', minLength: 1, maxLength: 64 })
  @IsString()
  @Length(1, 64)
  name: string;

  @ApiProperty({ enum: RULE_KINDS })
  @IsIn(RULE_KINDS, { message: `kind must be one of ${RULE_KINDS.join(', ')}` })
  kind: RuleKind;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ enum: SEVERITIES, default: 'warning' })
  @IsOptional()
  @IsIn(SEVERITIES, { message: `severity must be one of ${SEVERITIES.join(', ')}` })
  severity?: Severity;

  @ApiPropertyOptional({ enum: SCOPE_KINDS, default: 'all' })
  @IsOptional()
  @IsIn(SCOPE_KINDS, { message: `scopeKind must be one of ${SCOPE_KINDS.join(', ')}` })
  scopeKind?: ScopeKind;

  @ApiPropertyOptional({ example: 'web', description: 'The tag, node, or vmids like 101,102' })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  scopeValue?: string;

  @ApiPropertyOptional({ example: 90, minimum: 0, maximum: 100000 })
  @IsOptional()
  @IsNumber({}, { message: 'threshold must be a number' })
  @Min(0)
  @Max(100000)
  threshold?: number;

  @ApiPropertyOptional({ example: 300, minimum: 0, maximum: 604800, default: 0 })
  @IsOptional()
  @IsInt({ message: 'forS must be a whole number of seconds' })
  @Min(0)
  @Max(604800)
  forS?: number;

  @ApiPropertyOptional({ type: [Number], default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsInt({ each: true, message: 'channelIds must be channel ids' })
  channelIds?: number[];
}

export class UpdateAlertRuleDto extends PartialType(CreateAlertRuleDto) {}
