import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { AlertRulesService } from './alert-rules.service.js';
import { RulePreviewDto, RulePreviewRequestDto } from './dto/preview.dto.js';
import { AlertRuleDto, CreateAlertRuleDto, UpdateAlertRuleDto } from './dto/rule.dto.js';
import { RulePreviewService } from './rule-preview.service.js';

@ApiTags('alerts')
@Controller('alerts/rules')
export class AlertRulesController {
  constructor(
    private readonly rules: AlertRulesService,
    private readonly previews: RulePreviewService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Alert rules, the built-in ones first' })
  @ApiOkResponse({ type: [AlertRuleDto] })
  listAlertRules(): Promise<AlertRuleDto[]> {
    return this.rules.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create an alert rule' })
  @ApiCreatedResponse({ type: AlertRuleDto })
  @ApiErrors(400)
  createAlertRule(@Body() body: CreateAlertRuleDto): Promise<AlertRuleDto> {
    return this.rules.create(body);
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'What a rule (saved or not) would have fired on in the last 24 h of stored samples',
  })
  @ApiOkResponse({ type: RulePreviewDto })
  @ApiErrors(400)
  previewAlertRule(@Body() body: RulePreviewRequestDto): Promise<RulePreviewDto> {
    return this.previews.preview(body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an alert rule (built-in ones too, except their kind)' })
  @ApiOkResponse({ type: AlertRuleDto })
  @ApiErrors(400, 404)
  updateAlertRule(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateAlertRuleDto,
  ): Promise<AlertRuleDto> {
    return this.rules.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an alert rule (built-in ones can only be disabled)' })
  @ApiNoContentResponse()
  @ApiErrors(400, 404, 409)
  deleteAlertRule(@Param('id', ParseIntPipe) id: number): Promise<void> {
    return this.rules.remove(id);
  }
}
