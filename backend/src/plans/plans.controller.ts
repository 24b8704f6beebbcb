import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { UuidIdPipe } from '../common/uuid-id.pipe.js';
import { CreatePlanDto, ExecutePlanDto } from './dto/create-plan.dto.js';
import { PlanDto } from './dto/plan.dto.js';
import { callerOf, PlansService } from './plans.service.js';

const ID = ApiParam({ name: 'id', example: '3f0c2a4e-8a1b-4c55-9d3e-2b7f6a1c0d9e' });

/** Path parameter {id}: a plan id as POST /api/plans answered it. */
const planIdPipe = new UuidIdPipe('a plan id as POST /api/plans answered it');

@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Post()
  @Roles('viewer')
  @ApiOperation({
    summary:
      'Plan an action on containers: which ones, whether the token and your role allow each, ' +
      'and what to expect; nothing is sent to Proxmox',
  })
  @ApiCreatedResponse({ type: PlanDto })
  @ApiErrors(400, 503)
  createPlan(@Body() body: CreatePlanDto, @CurrentPrincipal() who: Principal): Promise<PlanDto> {
    return this.plans.create(body, callerOf(who));
  }

  @Get(':id')
  @ID
  @ApiOperation({ summary: 'A plan with the state and result of each target' })
  @ApiOkResponse({ type: PlanDto })
  @ApiErrors(400, 404)
  getPlan(@Param('id', planIdPipe) id: string): Promise<PlanDto> {
    return this.plans.get(id);
  }

  @Post(':id/execute')
  @Roles('operator')
  @HttpCode(202)
  @ID
  @ApiOperation({
    summary:
      'Run a plan on the server, target by target, each checked again just before acting; ' +
      'follow it with GET /api/plans/{id}',
  })
  @ApiAcceptedResponse({ type: PlanDto })
  @ApiErrors(400, 403, 404, 409)
  executePlan(
    @Param('id', planIdPipe) id: string,
    @Body() body: ExecutePlanDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<PlanDto> {
    return this.plans.execute(id, body, callerOf(who));
  }

  @Post(':id/cancel')
  @Roles('operator')
  @HttpCode(200)
  @ID
  @ApiOperation({ summary: 'Cancel a plan: no new target is started' })
  @ApiOkResponse({ type: PlanDto })
  @ApiErrors(400, 404, 409)
  cancelPlan(@Param('id', planIdPipe) id: string): Promise<PlanDto> {
    return this.plans.cancel(id);
  }
}
