import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiErrorDto } from '../common/api-error.dto.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ChangePasswordDto } from '../users/dto/user.dto.js';
import { BeforeTotpSetup, CurrentPrincipal, Public, Roles } from './auth.decorators.js';
import { AuthService, type SignedIn, TooManyAttempts } from './auth.service.js';
import {
  ClearedLockoutsDto,
  ClearLockoutsDto,
  LockoutDto,
  LoginDto,
  MeDto,
  SetupDto,
  SetupStatusDto,
} from './dto/auth.dto.js';
import type { Principal } from './principal.js';
import { clientIp } from './request-context.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';

const TOO_MANY = ApiResponse({
  status: 429,
  type: ApiErrorDto,
  description: 'Too many failed attempts; Retry-After says how many seconds to wait',
});
const WRONG = ApiResponse({ status: 401, type: ApiErrorDto, description: 'Wrong credentials' });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: sets the session cookie and returns the CSRF token' })
  @ApiOkResponse({ type: MeDto })
  @ApiErrors(400)
  @WRONG
  @TOO_MANY
  async login(
    @Body() body: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeDto> {
    return this.answer(req, res, () =>
      this.auth.login(body.username, body.password, clientIp(req), body.code),
    );
  }

  @Get('setup')
  @Public()
  @ApiOperation({ summary: 'Whether the first admin still has to be created with the setup code' })
  @ApiOkResponse({ type: SetupStatusDto })
  async getSetupStatus(): Promise<SetupStatusDto> {
    return { required: await this.auth.setupRequired() };
  }

  @Post('setup')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Create the first admin with the one-time setup code, and sign in' })
  @ApiOkResponse({ type: MeDto })
  @ApiErrors(400, 409)
  @WRONG
  @TOO_MANY
  async completeSetup(
    @Body() body: SetupDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeDto> {
    return this.answer(req, res, () => this.auth.completeSetup(body, clientIp(req)));
  }

  @Post('logout')
  @Roles('viewer')
  @BeforeTotpSetup()
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session and clear its cookie' })
  @ApiNoContentResponse()
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(principal);
    clearSessionCookie(req, res, this.config.auth);
  }

  @Get('me')
  @BeforeTotpSetup()
  @ApiOperation({ summary: 'Who is signed in, with the CSRF token of the session' })
  @ApiOkResponse({ type: MeDto })
  getMe(@CurrentPrincipal() principal: Principal): MeDto {
    return this.auth.me(principal);
  }

  @Post('password')
  @Roles('viewer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Change your password; your other sessions end and this one is renewed',
  })
  @ApiOkResponse({ type: MeDto })
  @ApiErrors(400)
  @TOO_MANY
  async changePassword(
    @Body() body: ChangePasswordDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeDto> {
    return this.answer(req, res, () =>
      this.auth.changePassword(principal, body.currentPassword, body.newPassword, clientIp(req)),
    );
  }

  @Get('lockouts')
  @Roles('admin')
  @ApiOperation({
    summary: 'Failed sign-ins remembered per (username, address) and per address, newest first',
  })
  @ApiOkResponse({ type: [LockoutDto] })
  listLockouts(): LockoutDto[] {
    return this.auth.lockouts().map((l) => ({
      ...l,
      lockedUntil: l.lockedUntil > Date.now() ? new Date(l.lockedUntil).toISOString() : undefined,
    }));
  }

  @Post('lockouts/clear')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Clear lock-outs: of a username (every address), of an address, of one pair, or all when both are left out',
  })
  @ApiOkResponse({ type: ClearedLockoutsDto })
  @ApiErrors(400)
  clearLockouts(@Body() body: ClearLockoutsDto): ClearedLockoutsDto {
    return { cleared: this.auth.clearLockouts(body) };
  }

  private async answer(
    req: Request,
    res: Response,
    signIn: () => Promise<SignedIn>,
  ): Promise<MeDto> {
    try {
      const { me, cookie, maxAgeMs } = await signIn();
      setSessionCookie(req, res, this.config.auth, cookie, maxAgeMs);
      return me;
    } catch (error) {
      if (error instanceof TooManyAttempts) res.setHeader('Retry-After', String(error.retryAfterS));
      throw error;
    }
  }
}
