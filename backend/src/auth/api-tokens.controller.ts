import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { IdPipe } from '../users/id-param.pipe.js';
import { ApiTokensService } from './api-tokens.service.js';
import { CurrentPrincipal, Roles } from './auth.decorators.js';
import { ApiTokenDto, CreateApiTokenDto, CreatedApiTokenDto } from './dto/api-token.dto.js';
import type { Principal } from './principal.js';

const ID = ApiParam({ name: 'id', type: Number, example: 3 });

@ApiTags('auth')
@Controller('tokens')
@Roles('admin')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @ApiOperation({ summary: 'API tokens with their role and when each was last used' })
  @ApiOkResponse({ type: [ApiTokenDto] })
  listApiTokens(): Promise<ApiTokenDto[]> {
    return this.tokens.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create an API token; the token itself is shown only in this answer' })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  @ApiErrors(400, 409)
  createApiToken(
    @Body() body: CreateApiTokenDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CreatedApiTokenDto> {
    return this.tokens.create(body, principal);
  }

  @Delete(':id')
  @HttpCode(200)
  @ID
  @ApiOperation({ summary: 'Revoke an API token at once' })
  @ApiOkResponse({ type: ApiTokenDto })
  @ApiErrors(400, 404)
  revokeApiToken(@Param('id', IdPipe) id: number): Promise<ApiTokenDto> {
    return this.tokens.revoke(id);
  }
}
