import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { HealthDto, HealthIndicatorDto } from './dto/health.dto.js';
import { ProxmoxHealthIndicator } from './proxmox.health.js';

@ApiTags('health')
@ApiExtraModels(HealthIndicatorDto)
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly proxmox: ProxmoxHealthIndicator,
  ) {}

  @Get()
  @Public({ anonymousView: (body) => ({ status: (body as HealthDto).status }) })
  @ApiOperation({
    summary: 'Database and Proxmox health; 503 when either is down, with the reason',
  })
  @ApiResponse({ status: 200, type: HealthDto, description: 'Everything is up' })
  @ApiResponse({ status: 503, type: HealthDto, description: 'Something is down; details say why' })
  async getHealth(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    try {
      return (await this.health.check([
        () => this.db.pingCheck('database'),
        () => this.proxmox.check('proxmox'),
      ])) as HealthDto;
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse() as HealthDto;
    }
  }
}
