import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class NameSuggestionDto {
  @ApiProperty({ example: 'brave-otter' })
  hostname: string;
}

export class NameCheckQueryDto {
  @ApiProperty({ example: 'brave-otter' })
  @IsString()
  @MinLength(1, { message: 'hostname must not be empty' })
  @MaxLength(253, { message: 'hostname must be at most 253 characters' })
  hostname: string;
}

export class NameCheckDto {
  @ApiProperty({ example: 'brave-otter' })
  hostname: string;

  @ApiProperty({ description: 'Valid and used by no guest of the cluster' })
  available: boolean;

  @ApiPropertyOptional({ example: 'already used by CT 101 on pve1' })
  reason?: string;
}
