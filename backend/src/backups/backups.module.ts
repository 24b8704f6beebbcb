import { Module } from '@nestjs/common';
import { ContainersModule } from '../containers/containers.module.js';
import { PermissionsModule } from '../permissions/permissions.module.js';
import { BackupsController } from './backups.controller.js';
import { BackupsService } from './backups.service.js';

@Module({
  imports: [ContainersModule, PermissionsModule],
  controllers: [BackupsController],
  providers: [BackupsService],
  exports: [BackupsService],
})
export class BackupsModule {}
