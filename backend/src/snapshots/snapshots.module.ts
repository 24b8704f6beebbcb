import { Module } from '@nestjs/common';
import { ContainersModule } from '../containers/containers.module.js';
import { PermissionsModule } from '../permissions/permissions.module.js';
import { SnapshotsController } from './snapshots.controller.js';
import { SnapshotsService } from './snapshots.service.js';

@Module({
  imports: [ContainersModule, PermissionsModule],
  controllers: [SnapshotsController],
  providers: [SnapshotsService],
  exports: [SnapshotsService],
})
export class SnapshotsModule {}
