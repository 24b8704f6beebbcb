import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { NameCheckDto, NameCheckQueryDto, NameSuggestionDto } from './dto/name.dto.js';
import { NamesService } from './names.service.js';

@ApiTags('names')
@Controller('names')
export class NamesController {
  constructor(private readonly names: NamesService) {}

  @Get('suggest')
  @ApiOperation({ summary: 'A readable hostname no guest of the cluster uses' })
  @ApiOkResponse({ type: NameSuggestionDto })
  @ApiErrors(503)
  async suggestName(): Promise<NameSuggestionDto> {
    return { hostname: await this.names.suggest() };
  }

  @Get('check')
  @ApiOperation({ summary: 'Whether a hostname is valid and still free in the cluster' })
  @ApiOkResponse({ type: NameCheckDto })
  @ApiErrors(400, 503)
  checkName(@Query() query: NameCheckQueryDto): Promise<NameCheckDto> {
    return this.names.check(query.hostname);
  }
}
