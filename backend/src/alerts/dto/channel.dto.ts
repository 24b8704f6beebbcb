import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import { CHANNEL_TYPES, type ChannelType } from '../entities/alert-channel.entity.js';

/**
 * A channel's settings, one flat shape for every type (each type uses its own fields; the service
 * says which are missing). Secret fields (secret, token, password) are write-only.
 */
export class ChannelFieldsDto {
  @ApiPropertyOptional({ example: 'ops pager', minLength: 1, maxLength: 64 })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  name?: string;

  @ApiPropertyOptional({ description: 'webhook: the URL; gotify: the server URL' })
  @IsOptional()
  @IsString()
  @Length(1, 2048)
  url?: string;

  @ApiPropertyOptional({ enum: ['json', 'discord', 'slack'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'discord', 'slack'], { message: 'format must be json, discord or slack' })
  format?: 'json' | 'discord' | 'slack';

  @ApiPropertyOptional({ description: 'webhook: HMAC key of X-ProxiCloud-Signature (write-only)' })
  @IsOptional()
  @IsString()
  @Length(1, 512)
  secret?: string;

  @ApiPropertyOptional({ description: 'ntfy: server URL', example: 'https://ntfy.sh' })
  @IsOptional()
  @IsString()
  @Length(1, 2048)
  server?: string;

  @ApiPropertyOptional({ description: 'ntfy: topic' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  topic?: string;

  @ApiPropertyOptional({ description: 'ntfy access token or Gotify app token (write-only)' })
  @IsOptional()
  @IsString()
  @Length(1, 512)
  token?: string;

  @ApiPropertyOptional({ description: 'email: SMTP host' })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  host?: string;

  @ApiPropertyOptional({ description: 'email: SMTP port', example: 587 })
  @IsOptional()
  @IsInt({ message: 'port must be a whole number' })
  @Min(1)
  @Max(65535)
  port?: number;

  @ApiPropertyOptional({ enum: ['none', 'starttls', 'tls'], default: 'starttls' })
  @IsOptional()
  @IsIn(['none', 'starttls', 'tls'], { message: 'security must be none, starttls or tls' })
  security?: 'none' | 'starttls' | 'tls';

  @ApiPropertyOptional({ description: 'email: sender address' })
  @IsOptional()
  @IsString()
  @Length(3, 255)
  from?: string;

  @ApiPropertyOptional({ type: [String], description: 'email: recipients' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  to?: string[];

  @ApiPropertyOptional({ description: 'email: SMTP user' })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  username?: string;

  @ApiPropertyOptional({ description: 'email: SMTP password (write-only)' })
  @IsOptional()
  @IsString()
  @Length(1, 512)
  password?: string;

  @ApiPropertyOptional({ description: 'email: PEM of a CA to trust for the SMTP certificate' })
  @IsOptional()
  @IsString()
  @Length(1, 20000)
  ca?: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 10000 })
  @IsOptional()
  @IsInt({ message: 'capPerHour must be a whole number' })
  @Min(1)
  @Max(10000)
  capPerHour?: number;

  @ApiPropertyOptional({
    example: '22:00-07:00',
    description: 'Local time window holding notifications; empty string clears it',
  })
  @IsOptional()
  @IsString()
  @Length(0, 11)
  quietHours?: string;

  @ApiPropertyOptional({
    description: 'Hold notifications until this time (maintenance), ISO 8601; empty clears',
  })
  @IsOptional()
  @IsString()
  @Length(0, 40)
  maintenanceUntil?: string;
}

export class CreateChannelDto extends ChannelFieldsDto {
  @ApiProperty({ enum: CHANNEL_TYPES })
  @IsIn(CHANNEL_TYPES, { message: `type must be one of ${CHANNEL_TYPES.join(', ')}` })
  type: ChannelType;

  @ApiProperty({ example: 'ops pager', minLength: 1, maxLength: 64 })
  @IsString()
  @Length(1, 64)
  declare name: string;
}

export class UpdateChannelDto extends ChannelFieldsDto {}

export class CreatedDto {
  @ApiProperty()
  id: number;
}

export class ChannelDto {
  @ApiProperty()
  id: number;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: CHANNEL_TYPES })
  type: ChannelType;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The settings without secrets',
  })
  settings: Record<string, unknown>;

  @ApiProperty({ type: [String], description: 'Secret fields that are set (values never shown)' })
  secretsSet: string[];

  @ApiProperty()
  capPerHour: number;

  @ApiPropertyOptional()
  quietHours?: string;

  @ApiPropertyOptional()
  maintenanceUntil?: string;

  @ApiPropertyOptional()
  lastSuccessAt?: string;

  @ApiPropertyOptional()
  lastFailureAt?: string;

  @ApiPropertyOptional({ example: 'last delivery failed: 401 Unauthorized at 14:05' })
  lastFailure?: string;
}

export class ChannelTestDto {
  @ApiProperty({ example: true })
  delivered: boolean;
}
