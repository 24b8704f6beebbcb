import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { ActivityService } from './activity.service.js';
import { ActivityPageDto } from './dto/activity-entry.dto.js';
import { ActivityQueryDto } from './dto/activity-query.dto.js';

@ApiTags('activity')
@Controller('activity')
export class ActivityController {
  constructor(private readonly activity: ActivityService) {}

  @Get()
  @ApiOperation({
    summary: 'Who did what to which target, when, with which result and Proxmox task',
  })
  @ApiOkResponse({ type: ActivityPageDto })
  @ApiErrors(400)
  listActivity(@Query() query: ActivityQueryDto): Promise<ActivityPageDto> {
    return this.activity.list(query);
  }

  @Get('export')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="proxicloud-activity.csv"')
  @ApiOperation({ summary: 'The activity log as CSV, with the same filters (limit ignored)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'CSV with a header line' })
  @ApiErrors(400)
  exportActivityCsv(@Query() query: ActivityQueryDto): Promise<string> {
    return this.activity.exportCsv(query);
  }
}
