import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { USERNAME_PATTERN } from '../../users/dto/user.dto.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../users/passwords.js';
import { ROLES, type Role } from '../../users/roles.js';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @Length(1, 64, { message: 'username must be 1 to 64 characters' })
  username: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @Length(1, PASSWORD_MAX, { message: `password must be 1 to ${PASSWORD_MAX} characters` })
  password: string;

  @ApiPropertyOptional({
    example: '123456',
    description:
      'Accounts with two-factor sign-in: the six digits of the app or a recovery code. Without it such an account gets 401 with reason totp-required.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 32, { message: 'code must be the 6 digits of your app or a recovery code' })
  code?: string;
}

export class SetupDto {
  @ApiProperty({ description: 'The one-time setup code printed in the console log at first start' })
  @IsString()
  @Length(1, 64, { message: 'code must be 1 to 64 characters' })
  code: string;

  @ApiProperty({ example: 'admin', pattern: USERNAME_PATTERN.source })
  @IsString()
  @Matches(USERNAME_PATTERN, {
    message: 'username must be 1-64 letters, digits, . _ @ or -, starting with a letter or digit',
  })
  username: string;

  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX })
  @IsString()
  @Length(PASSWORD_MIN, PASSWORD_MAX, {
    message: `password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`,
  })
  password: string;
}

export class SetupStatusDto {
  @ApiProperty({
    description: 'True until the first admin exists: the UI then shows the setup form',
  })
  required: boolean;
}

export class MeDto {
  @ApiProperty({ example: 'admin', description: 'Username, or token:<name> for an API token' })
  username: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ enum: ['session', 'token'] })
  kind: 'session' | 'token';

  @ApiPropertyOptional({
    description:
      'Sessions only: send it as header X-CSRF-Token on every POST, PUT, PATCH and DELETE',
  })
  csrfToken?: string;

  @ApiPropertyOptional({
    description: 'Sessions only: when the session ends at the latest, ISO 8601',
  })
  expiresAt?: string;

  @ApiPropertyOptional({
    description:
      'Sessions only: admins require two-factor sign-in and this account has none yet; until it is set up, only /api/auth/me, /api/auth/logout and /api/auth/totp answer',
  })
  totpSetupRequired?: boolean;
}

export class LockoutDto {
  @ApiPropertyOptional({ example: 'admin', description: 'Absent for an address-wide lock' })
  username?: string;

  @ApiProperty({ example: '192.0.2.7' })
  address: string;

  @ApiProperty({ example: 6, description: 'Failures counted (they are forgotten after an hour)' })
  failures: number;

  @ApiPropertyOptional({ description: 'ISO 8601; set while locked' })
  lockedUntil?: string;
}

export class ClearLockoutsDto {
  @ApiPropertyOptional({ example: 'admin' })
  @IsOptional()
  @IsString()
  @Length(1, 64, { message: 'username must be 1 to 64 characters' })
  username?: string;

  @ApiPropertyOptional({ example: '192.0.2.7' })
  @IsOptional()
  @IsString()
  @Length(1, 64, { message: 'address must be 1 to 64 characters' })
  address?: string;
}

export class ClearedLockoutsDto {
  @ApiProperty({ example: 2, description: 'How many remembered records were cleared' })
  cleared: number;
}
