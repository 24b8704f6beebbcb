import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../config/app-config.js';
import { Session } from './entities/session.entity.js';
import { resolveSessionSecret, SESSION_SECRET } from './session-secret.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';

/** Sessions and the secret that hashes them; shared by the auth and users features. */
@Module({
  imports: [TypeOrmModule.forFeature([Session])],
  providers: [
    { provide: SESSION_SECRET, inject: [APP_CONFIG], useFactory: resolveSessionSecret },
    SessionsRepository,
    SessionsService,
  ],
  exports: [SESSION_SECRET, SessionsService],
})
export class SessionsModule {}
