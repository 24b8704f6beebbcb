import { Global, Module } from '@nestjs/common';
import { ClusterStateService } from './cluster-state.service.js';

@Global()
@Module({ providers: [ClusterStateService], exports: [ClusterStateService] })
export class CacheModule {}
