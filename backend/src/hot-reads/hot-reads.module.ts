import { Module } from '@nestjs/common';
import { SessionsModule } from '../auth/sessions.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { HotReadsService } from './hot-reads.service.js';

/** Cached reads answered before the framework's pipeline; installed by configureApp. */
@Module({
  imports: [SessionsModule, MetricsModule],
  providers: [HotReadsService],
  exports: [HotReadsService],
})
export class HotReadsModule {}
