import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ALERT_STATES, type AlertState } from '../entities/alert.entity.js';
import { SEVERITIES } from '../entities/alert-rule.entity.js';

export class AlertSubjectDto {
  @ApiProperty({ enum: ['ct', 'node', 'proxmox'] })
  type: 'ct' | 'node' | 'proxmox';

  @ApiPropertyOptional({ example: 101 })
  vmid?: number;

  @ApiPropertyOptional({ example: 'pve1' })
  node?: string;

  @ApiPropertyOptional({ example: 'web' })
  name?: string;
}

export class AlertDto {
  @ApiProperty()
  id: number;

  @ApiProperty()
  ruleId: number;

  @ApiProperty({ description: "The rule's name", example: 'container-down' })
  rule: string;

  @ApiProperty({ example: 'container-down' })
  kind: string;

  @ApiProperty({
    enum: ALERT_STATES,
    description: 'suppressed: explained by something done on purpose; recorded, not notified',
  })
  state: AlertState;

  @ApiProperty({ enum: SEVERITIES })
  severity: string;

  @ApiProperty({ type: AlertSubjectDto })
  subject: AlertSubjectDto;

  @ApiProperty({ example: 'CT 101 (web) on pve1 stopped' })
  message: string;

  @ApiPropertyOptional({ example: 'stop by alice via console at 14:02; not alerted' })
  explanation?: string;

  @ApiProperty({ description: 'ISO 8601' })
  startsAt: string;

  @ApiPropertyOptional({ description: 'ISO 8601; set once resolved (or, suppressed, once over)' })
  endsAt?: string;

  @ApiPropertyOptional()
  ackBy?: string;

  @ApiPropertyOptional()
  ackAt?: string;

  @ApiPropertyOptional()
  ackNote?: string;
}

export class AlertListDto {
  @ApiProperty({ type: [AlertDto], description: 'Newest first' })
  items: AlertDto[];

  @ApiProperty({ description: 'Alerts matching the filter in all' })
  total: number;

  @ApiProperty({ description: 'Alerts firing now (the top-bar badge)' })
  firing: number;
}

export class AlertQueryDto {
  @ApiPropertyOptional({ enum: ALERT_STATES })
  @IsOptional()
  @IsIn(ALERT_STATES, { message: `state must be one of ${ALERT_STATES.join(', ')}` })
  state?: AlertState;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class AckAlertDto {
  @ApiPropertyOptional({ example: 'disk replaced, watching it', maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  note?: string;
}
