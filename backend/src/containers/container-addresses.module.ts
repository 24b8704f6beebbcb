import { Module } from '@nestjs/common';
import { ContainerAddressesService } from './container-addresses.service.js';

/**
 * The bounded background source of container addresses and protection flags, shared by the
 * container list and detail and by the event stream's container diffs.
 */
@Module({
  providers: [ContainerAddressesService],
  exports: [ContainerAddressesService],
})
export class ContainerAddressesModule {}
