import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrorDto } from '../../common/api-error.dto.js';
import { ApiErrors } from '../../common/api-errors.decorator.js';
import { badRequest } from '../../common/domain-errors.js';
import { BeforeTotpSetup, CurrentPrincipal, Roles } from '../auth.decorators.js';
import { AuthService } from '../auth.service.js';
import {
  DisableTotpDto,
  RecoveryCodesDto,
  ResetTotpDto,
  TotpAccountsDto,
  TotpCodeDto,
  TotpPolicyDto,
  TotpSetupDto,
  TotpStatusDto,
} from '../dto/totp.dto.js';
import type { Principal } from '../principal.js';
import { clientIp } from '../request-context.js';
import { TotpService } from './totp.service.js';

/** The signed-in account of a session; API tokens have no authenticator. */
function accountOf(principal: Principal): { userId: number; username: string } {
  if (principal.kind !== 'user') throw badRequest('API tokens have no two-factor sign-in');
  return principal;
}

@ApiTags('auth')
@Controller('auth/totp')
export class TotpController {
  constructor(
    private readonly auth: AuthService,
    private readonly totp: TotpService,
  ) {}

  @Get()
  @Roles('viewer')
  @BeforeTotpSetup()
  @ApiOperation({ summary: 'Whether your account has two-factor sign-in, and if it is required' })
  @ApiOkResponse({ type: TotpStatusDto })
  @ApiErrors(400)
  getTotpStatus(@CurrentPrincipal() principal: Principal): Promise<TotpStatusDto> {
    return this.totp.status(accountOf(principal).userId);
  }

  @Post('setup')
  @Roles('viewer')
  @BeforeTotpSetup()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Start pairing an authenticator app: a new secret and its otpauth:// URL, shown once',
  })
  @ApiOkResponse({ type: TotpSetupDto })
  @ApiErrors(400, 409)
  setupTotp(@CurrentPrincipal() principal: Principal): Promise<TotpSetupDto> {
    const { userId, username } = accountOf(principal);
    return this.totp.setup(userId, username);
  }

  @Post('enable')
  @Roles('viewer')
  @BeforeTotpSetup()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm the pairing with a first code; answers the ten recovery codes, once',
  })
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiErrors(400, 409)
  enableTotp(
    @Body() body: TotpCodeDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RecoveryCodesDto> {
    const { userId, username } = accountOf(principal);
    return this.totp.enable(userId, username, body.code);
  }

  @Post('disable')
  @Roles('viewer')
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn your two-factor sign-in off: needs your password and a code' })
  @ApiNoContentResponse()
  @ApiErrors(400)
  @ApiResponse({ status: 429, type: ApiErrorDto, description: 'Too many wrong attempts' })
  async disableTotp(
    @Body() body: DisableTotpDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
  ): Promise<void> {
    await this.auth.disableTotp(principal, body.password, body.code, clientIp(req));
  }

  @Get('accounts')
  @Roles('admin')
  @ApiOperation({ summary: 'Which accounts have two-factor sign-in, and whether it is required' })
  @ApiOkResponse({ type: TotpAccountsDto })
  listTotpAccounts(): TotpAccountsDto {
    return this.totp.accounts();
  }

  @Post('policy')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Require two-factor sign-in for every local account (those without it must set it up before anything else)',
  })
  @ApiOkResponse({ type: TotpAccountsDto })
  @ApiErrors(400)
  setTotpPolicy(@Body() body: TotpPolicyDto): Promise<TotpAccountsDto> {
    return this.totp.setRequired(body.required);
  }

  @Post('reset')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({
    summary: "Reset an account's two-factor sign-in (a lost phone): it signs in with the password",
  })
  @ApiNoContentResponse()
  @ApiErrors(400, 404)
  async resetTotp(@Body() body: ResetTotpDto): Promise<void> {
    await this.totp.reset(body.userId);
  }
}
