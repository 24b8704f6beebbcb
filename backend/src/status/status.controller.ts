import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConnectionStatusDto } from './dto/connection-status.dto.js';
import { StatusService } from './status.service.js';

@ApiTags('status')
@Controller('status')
export class StatusController {
  constructor(private readonly status: StatusService) {}

  @Get()
  @ApiOperation({
    summary: 'Connection to Proxmox: online, degraded or offline, since when and why',
  })
  @ApiOkResponse({ type: ConnectionStatusDto })
  getConnectionStatus(): ConnectionStatusDto {
    return this.status.getConnectionStatus();
  }
}
