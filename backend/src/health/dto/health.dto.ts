import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthIndicatorDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status: string;

  @ApiPropertyOptional({ enum: ['live', 'demo'], description: 'proxmox: demo = embedded pve-sim' })
  mode?: string;

  @ApiPropertyOptional({
    description: 'proxmox down: unreachable, tls, auth, permission, timeout, upstream',
    example: 'tls',
  })
  reason?: string;

  @ApiPropertyOptional({ example: 'fingerprint-mismatch' })
  detail?: string;

  @ApiPropertyOptional()
  message?: string;
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'] })
  status: string;

  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/HealthIndicatorDto' } })
  info: Record<string, HealthIndicatorDto>;

  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/HealthIndicatorDto' } })
  error: Record<string, HealthIndicatorDto>;

  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/HealthIndicatorDto' } })
  details: Record<string, HealthIndicatorDto>;
}
