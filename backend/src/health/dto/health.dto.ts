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

  @ApiPropertyOptional({
    enum: ['online', 'degraded', 'offline'],
    description: 'proxmox: connection state as the console tracks it',
  })
  state?: string;

  @ApiPropertyOptional({ description: 'proxmox: in this state since, ISO 8601' })
  since?: string;

  @ApiPropertyOptional({
    description: 'proxmox: last successful contact, ISO 8601',
    nullable: true,
    type: String,
  })
  lastContact?: string | null;

  @ApiPropertyOptional({
    description: 'proxmox: the node URL the console talks to (one of PROXICLOUD_PVE_URL)',
    nullable: true,
    type: String,
    example: 'https://pve1.lan:8006',
  })
  endpoint?: string | null;

  @ApiPropertyOptional({
    description: 'proxmox: true while the preferred (first) node URL does not answer',
  })
  failedOver?: boolean;
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'] })
  status: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/HealthIndicatorDto' },
  })
  info: Record<string, HealthIndicatorDto>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/HealthIndicatorDto' },
  })
  error: Record<string, HealthIndicatorDto>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/HealthIndicatorDto' },
  })
  details: Record<string, HealthIndicatorDto>;
}
