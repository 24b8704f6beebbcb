import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module.js';
import { AnonymousViewInterceptor } from './anonymous-view.interceptor.js';
import { ApiTokensController } from './api-tokens.controller.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { AuthSetting } from './entities/auth-setting.entity.js';
import { OidcIdentity } from './entities/oidc-identity.entity.js';
import { RecoveryCode } from './entities/recovery-code.entity.js';
import { TotpCredential } from './entities/totp-credential.entity.js';
import { OidcController } from './oidc/oidc.controller.js';
import { OidcRepository } from './oidc/oidc.repository.js';
import { OidcService } from './oidc/oidc.service.js';
import { SessionsModule } from './sessions.module.js';
import { SetupCodeService } from './setup-code.service.js';
import { TotpController } from './totp/totp.controller.js';
import { TotpRepository } from './totp/totp.repository.js';
import { TotpService } from './totp/totp.service.js';

/** Sign-in (password, two-factor, single sign-on), sessions, API tokens and the global guard that protects every route. */
@Module({
  imports: [
    TypeOrmModule.forFeature([TotpCredential, RecoveryCode, AuthSetting, OidcIdentity]),
    SessionsModule,
    UsersModule,
  ],
  controllers: [AuthController, ApiTokensController, TotpController, OidcController],
  providers: [
    AuthService,
    SetupCodeService,
    TotpRepository,
    TotpService,
    OidcRepository,
    OidcService,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: AnonymousViewInterceptor },
  ],
})
export class AuthModule {}
