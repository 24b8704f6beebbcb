import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { freshnessOf } from '../common/freshness.dto.js';
import { DatacenterService } from './datacenter.service.js';
import { TagStyleDto } from './dto/tag-style.dto.js';

@ApiTags('datacenter')
@Controller('datacenter')
export class DatacenterController {
  constructor(private readonly datacenter: DatacenterService) {}

  @Get('tag-style')
  @ApiOperation({
    summary:
      'How Proxmox stores tags (datacenter.cfg tag-style): case and order, as it will store them',
  })
  @ApiOkResponse({ type: TagStyleDto })
  @ApiErrors(503, 504)
  async getTagStyle(): Promise<TagStyleDto> {
    const read = await this.datacenter.tagStyle();
    return { ...read.value, ...freshnessOf(read) };
  }
}
