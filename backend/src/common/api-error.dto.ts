import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The body of every error answer of the API. */
export class ApiErrorDto {
  @ApiProperty({ example: 409 })
  statusCode: number;

  @ApiProperty({ example: 'CT 101 is already running' })
  message: string;

  @ApiProperty({ example: 'Conflict' })
  error: string;

  @ApiPropertyOptional({
    description: 'Per-field messages for invalid input',
    example: { hostname: 'hostname must be a valid DNS name' },
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  fields?: Record<string, string>;

  @ApiPropertyOptional({
    description:
      'Machine-readable reason: unreachable, tls, auth, permission, locked, conflict, ...',
    example: 'locked',
  })
  reason?: string;

  @ApiPropertyOptional({ description: 'Missing Proxmox privilege (403)', example: 'VM.PowerMgmt' })
  privilege?: string;

  @ApiPropertyOptional({
    description: 'ACL path of the missing privilege (403)',
    example: '/vms/101',
  })
  path?: string;

  @ApiPropertyOptional({ description: 'Lock held by the container (409)', example: 'create' })
  lock?: string;
}
