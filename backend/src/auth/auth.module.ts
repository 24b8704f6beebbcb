import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module.js';
import { AnonymousViewInterceptor } from './anonymous-view.interceptor.js';
import { ApiTokensController } from './api-tokens.controller.js';
import { ApiTokensRepository } from './api-tokens.repository.js';
import { ApiTokensService } from './api-tokens.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { ApiToken } from './entities/api-token.entity.js';
import { SessionsModule } from './sessions.module.js';
import { SetupCodeService } from './setup-code.service.js';

/** Sign-in, sessions, API tokens and the global guard that protects every route. */
@Module({
  imports: [TypeOrmModule.forFeature([ApiToken]), SessionsModule, UsersModule],
  controllers: [AuthController, ApiTokensController],
  providers: [
    ApiTokensRepository,
    ApiTokensService,
    AuthService,
    SetupCodeService,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: AnonymousViewInterceptor },
  ],
})
export class AuthModule {}
