import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { DashboardService } from './dashboard.service.js';
import { DashboardQueryDto } from './dto/dashboard-query.dto.js';
import { DashboardDto } from './dto/dashboard.dto.js';

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @ApiOperation({ summary: 'Counts by status, cluster use, nodes, top consumers, recent tasks' })
  @ApiOkResponse({ type: DashboardDto })
  @ApiErrors(503)
  getDashboard(@Query() query: DashboardQueryDto): Promise<DashboardDto> {
    return this.dashboard.getDashboard(query.node);
  }
}
