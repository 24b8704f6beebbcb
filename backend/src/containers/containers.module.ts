import { Module } from '@nestjs/common';
import { DatacenterModule } from '../datacenter/datacenter.module.js';
import { NamesModule } from '../names/names.module.js';
import { PermissionsModule } from '../permissions/permissions.module.js';
import { ContainerAddressesModule } from './container-addresses.module.js';
import { ContainerCreatePlanner } from './container-create.planner.js';
import { ContainerSettingsService } from './container-settings.service.js';
import { ContainersController } from './containers.controller.js';
import { ContainersService } from './containers.service.js';

@Module({
  imports: [NamesModule, PermissionsModule, ContainerAddressesModule, DatacenterModule],
  controllers: [ContainersController],
  providers: [ContainersService, ContainerCreatePlanner, ContainerSettingsService],
  exports: [ContainersService, ContainerSettingsService],
})
export class ContainersModule {}
