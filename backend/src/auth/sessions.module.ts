import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../config/app-config.js';
import { ApiTokensRepository } from './api-tokens.repository.js';
import { ApiTokensService } from './api-tokens.service.js';
import { ApiToken } from './entities/api-token.entity.js';
import { Session } from './entities/session.entity.js';
import { resolveSessionSecret, SESSION_SECRET } from './session-secret.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';

/**
 * Sessions, API tokens and the secret that hashes both; shared by the auth and users features
 * (account changes end sessions and revoke tokens).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Session, ApiToken])],
  providers: [
    { provide: SESSION_SECRET, inject: [APP_CONFIG], useFactory: resolveSessionSecret },
    SessionsRepository,
    SessionsService,
    ApiTokensRepository,
    ApiTokensService,
  ],
  exports: [SESSION_SECRET, SessionsService, ApiTokensService, ApiTokensRepository],
})
export class SessionsModule {}
