import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { ROLES, type Role } from '../../users/roles.js';

const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

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
}

export class CreateApiTokenDto {
  @ApiProperty({ example: 'ci-deploy', pattern: TOKEN_NAME.source })
  @IsString()
  @Matches(TOKEN_NAME, { message: 'name must be 1-64 letters, digits, . _ or -' })
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;
}

export class CreatedApiTokenDto extends ApiTokenDto {
  @ApiProperty({
    description: 'The token, shown only now: send it as `Authorization: Bearer <token>`',
    example: 'pxc_Jt0...',
  })
  token: string;
}
