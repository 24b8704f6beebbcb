import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ROLES, type Role } from '../../users/roles.js';

const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** ten years */
export const MAX_EXPIRY_DAYS = 3650;

export class ApiTokenDto {
  @ApiProperty({ example: 3 })
  id: number;

  @ApiProperty({ example: 'ci-deploy' })
  name: string;

  @ApiProperty({ enum: ROLES, description: 'What the token may do' })
  role: Role;

  @ApiProperty({ example: 'admin' })
  createdBy: string;

  @ApiProperty({ description: 'ISO 8601' })
  createdAt: string;

  @ApiPropertyOptional({ description: 'ISO 8601; absent until first used' })
  lastUsedAt?: string;

  @ApiPropertyOptional({ description: 'ISO 8601; set once revoked' })
  revokedAt?: string;

  @ApiPropertyOptional({
    description:
      'Id of the account that made the token; deleting it or taking its admin role revokes the token',
    example: 1,
  })
  ownerId?: number;

  @ApiPropertyOptional({ description: 'ISO 8601; absent: the token does not expire' })
  expiresAt?: string;
}

export class CreateApiTokenDto {
  @ApiProperty({ example: 'ci-deploy', pattern: TOKEN_NAME.source })
  @IsString()
  @Matches(TOKEN_NAME, { message: 'name must be 1-64 letters, digits, . _ or -' })
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({
    description: 'The token is refused this many days after its creation; absent: no expiry',
    minimum: 1,
    maximum: MAX_EXPIRY_DAYS,
    example: 90,
  })
  @IsOptional()
  @IsInt({ message: 'expiresInDays must be a whole number of days' })
  @Min(1, { message: `expiresInDays must be from 1 to ${MAX_EXPIRY_DAYS}` })
  @Max(MAX_EXPIRY_DAYS, { message: `expiresInDays must be from 1 to ${MAX_EXPIRY_DAYS}` })
  expiresInDays?: number;
}

export class CreatedApiTokenDto extends ApiTokenDto {
  @ApiProperty({
    description: 'The token, shown only now: send it as `Authorization: Bearer <token>`',
    example: 'pxc_Jt0...',
  })
  token: string;
}
