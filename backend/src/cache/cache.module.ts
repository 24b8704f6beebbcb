import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CachePruner } from './cache-pruner.service.js';
import { CacheHeadersInterceptor } from './cache-headers.interceptor.js';
import { CacheRepository } from './cache.repository.js';
import { CachedReadService } from './cached-read.service.js';
import { ClusterStateService } from './cluster-state.service.js';
import { CacheEntry } from './entities/cache-entry.entity.js';
import { ReachabilityService } from './reachability.service.js';
import { RecoveryProbe } from './recovery-probe.service.js';

/**
 * The last good Proxmox state (memory + SQLite), reachability tracking, pruning of entries of
 * deleted containers and the cache headers.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([CacheEntry])],
  providers: [
    CacheRepository,
    ReachabilityService,
    ClusterStateService,
    CachedReadService,
    RecoveryProbe,
    CachePruner,
    { provide: APP_INTERCEPTOR, useClass: CacheHeadersInterceptor },
  ],
  exports: [ClusterStateService, CachedReadService, ReachabilityService],
})
export class CacheModule {}
