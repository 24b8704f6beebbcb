import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import type { CookieOptions, Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Public } from '../auth.decorators.js';
import { OidcStatusDto } from '../dto/oidc.dto.js';
import { clientIp } from '../request-context.js';
import { setSessionCookie } from '../session-cookie.js';
import { refusalPage } from './oidc-page.js';
import { FLOW_TTL_MS } from './oidc-flows.js';
import { OidcRefusal, OidcService } from './oidc.service.js';

const FLOW_COOKIE = 'proxicloud_oidc';

@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Whether single sign-on is configured, its button label, and password sign-in',
  })
  @ApiOkResponse({ type: OidcStatusDto })
  getOidcStatus(): OidcStatusDto {
    return this.oidc.status();
  }

  @Get('login')
  @Public()
  @ApiOperation({
    summary: 'Start single sign-on: 302 to the identity provider (PKCE, state, nonce)',
  })
  @ApiResponse({ status: 302, description: 'To the identity provider' })
  @ApiResponse({
    status: 404,
    description: 'Single sign-on is not configured (an HTML page for a browser, else JSON)',
  })
  async startOidcLogin(@Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      const { url, flowId } = await this.oidc.begin(`${req.protocol}://${req.get('host')}`);
      res.cookie(FLOW_COOKIE, flowId, { ...this.flowCookie(req), maxAge: FLOW_TTL_MS });
      res.redirect(302, url);
    } catch (error) {
      this.refuse(req, res, error);
    }
  }

  @Get('callback')
  @Public()
  @ApiOperation({
    summary: 'Where the identity provider sends the browser back: signs in and 302 to the console',
  })
  @ApiResponse({ status: 302, description: 'Signed in: to the console' })
  @ApiResponse({
    status: 403,
    description:
      'Refused (no mapped group, no linked account): an HTML page for a browser, else JSON',
  })
  async finishOidcLogin(@Req() req: Request, @Res() res: Response): Promise<void> {
    const flowId = (req.cookies as Record<string, unknown> | undefined)?.[FLOW_COOKIE];
    res.clearCookie(FLOW_COOKIE, this.flowCookie(req));
    try {
      const query = req.originalUrl.includes('?') ? req.originalUrl.split('?')[1] : '';
      const signedIn = await this.oidc.finishRecorded(
        typeof flowId === 'string' ? flowId : undefined,
        query,
        clientIp(req),
      );
      setSessionCookie(req, res, this.config.auth, signedIn.cookie, signedIn.maxAgeMs);
      res.redirect(302, '/');
    } catch (error) {
      this.refuse(req, res, error);
    }
  }

  /** Lax: the browser must send it on the top-level redirect back from the provider. */
  private flowCookie(req: Request): CookieOptions {
    const { secureCookies } = this.config.auth;
    const secure = secureCookies === 'auto' ? req.secure : secureCookies === 'always';
    return { httpOnly: true, sameSite: 'lax', secure, path: '/api/auth/oidc' };
  }

  /** A browser (Accept: text/html) gets a page; a script the API's JSON error with the same message. */
  private refuse(req: Request, res: Response, error: unknown): void {
    if (!(error instanceof OidcRefusal)) throw error;
    res.status(error.status);
    if (req.accepts(['json', 'html']) === 'html') {
      res.type('html').send(refusalPage(error.message));
      return;
    }
    res.json({
      statusCode: error.status,
      error: STATUS_CODES[error.status],
      message: error.message,
    });
  }
}
