import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsString, Length, Min } from 'class-validator';
import { PASSWORD_MAX } from '../../users/passwords.js';

const CODE_MESSAGE = 'code must be the 6 digits of your app or a recovery code';

export class TotpStatusDto {
  @ApiProperty({ description: 'Whether sign-in asks this account for a code' })
  enabled: boolean;

  @ApiProperty({ description: 'Whether admins require two-factor sign-in for local accounts' })
  required: boolean;

  @ApiPropertyOptional({ example: 9, description: 'Unused recovery codes (while enabled)' })
  recoveryCodesLeft?: number;
}

export class TotpSetupDto {
  @ApiProperty({ example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', description: 'base32, shown once' })
  secret: string;

  @ApiProperty({
    example: 'otpauth://totp/ProxiCloud:alice?issuer=ProxiCloud&secret=JBSW...&period=30',
  })
  otpauthUrl: string;
}

export class TotpCodeDto {
  @ApiProperty({ example: '123456', description: 'The six digits the app shows now' })
  @IsString()
  @Length(1, 32, { message: CODE_MESSAGE })
  code: string;
}

export class RecoveryCodesDto {
  @ApiProperty({
    type: [String],
    example: ['3f9a-01bc-77de'],
    description: 'Ten single-use codes, shown this once; each signs in once without the app',
  })
  recoveryCodes: string[];
}

export class DisableTotpDto {
  @ApiProperty()
  @IsString()
  @Length(1, PASSWORD_MAX, { message: `password must be 1 to ${PASSWORD_MAX} characters` })
  password: string;

  @ApiProperty({ example: '123456', description: 'A code of the app, or a recovery code' })
  @IsString()
  @Length(1, 32, { message: CODE_MESSAGE })
  code: string;
}

export class TotpPolicyDto {
  @ApiProperty({ description: 'Every local account must set up two-factor sign-in' })
  @IsBoolean({ message: 'required must be true or false' })
  required: boolean;
}

export class TotpAccountsDto {
  @ApiProperty({ description: 'Every local account must set up two-factor sign-in' })
  required: boolean;

  @ApiProperty({ type: [Number], example: [1, 4], description: 'Accounts with two-factor on' })
  enabledUserIds: number[];
}

export class ResetTotpDto {
  @ApiProperty({ example: 2 })
  @IsInt({ message: 'userId must be a whole number' })
  @Min(1, { message: 'userId must be 1 or more' })
  userId: number;
}
