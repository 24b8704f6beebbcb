import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { TaskRefDto } from '../tasks/dto/task.dto.js';
import { DownloadTemplateDto, TemplateListDto } from './dto/template.dto.js';
import { ListTemplatesQueryDto } from './dto/list-templates-query.dto.js';
import { TemplatesService } from './templates.service.js';

@ApiTags('templates')
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiOperation({
    summary:
      'Curated templates joined with what the nodes hold and what the appliance index offers',
  })
  @ApiOkResponse({ type: TemplateListDto })
  @ApiErrors(400, 503)
  listTemplates(@Query() query: ListTemplatesQueryDto): Promise<TemplateListDto> {
    return this.templates.listTemplates(query.all ?? false);
  }

  @Post('download')
  @Roles('admin')
  @HttpCode(202)
  @ApiOperation({ summary: "Download a template from the appliance index to a node's storage" })
  @ApiAcceptedResponse({ type: TaskRefDto })
  @ApiErrors(400, 403, 409, 503)
  downloadTemplate(@Body() body: DownloadTemplateDto): Promise<TaskRefDto> {
    return this.templates.downloadTemplate(body);
  }
}
