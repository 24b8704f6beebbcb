import { Module } from '@nestjs/common';
import { DatacenterController } from './datacenter.controller.js';
import { DatacenterService } from './datacenter.service.js';

/** Datacenter-wide Proxmox settings the console follows (tag-style). */
@Module({
  controllers: [DatacenterController],
  providers: [DatacenterService],
  exports: [DatacenterService],
})
export class DatacenterModule {}
