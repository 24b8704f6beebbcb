import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OidcStatusDto {
  @ApiProperty({ description: 'Whether single sign-on (OpenID Connect) is configured' })
  enabled: boolean;

  @ApiPropertyOptional({ example: 'Sign in with Authentik' })
  buttonLabel?: string;

  @ApiProperty({
    description: 'Whether password sign-in is open (false: only the break-glass account)',
  })
  localLogin: boolean;
}
