import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { UuidIdPipe } from '../common/uuid-id.pipe.js';
import { callerOf } from '../plans/plans.service.js';
import {
  CreateScheduleDto,
  ScheduleDto,
  ScheduleListDto,
  ScheduleRunsDto,
  UpdateScheduleDto,
} from './dto/schedule.dto.js';
import { SchedulesService } from './schedules.service.js';

const ID = ApiParam({ name: 'id', example: '3f0c2a4e-8a1b-4c55-9d3e-2b7f6a1c0d9e' });

/** Path parameter {id}: a schedule id as GET /api/schedules lists it. */
const scheduleIdPipe = new UuidIdPipe('a schedule id as GET /api/schedules lists it');

@ApiTags('schedules')
@Controller('schedules')
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Get()
  @ApiOperation({ summary: 'Every schedule, with its next run and how its last run ended' })
  @ApiOkResponse({ type: ScheduleListDto })
  listSchedules(): Promise<ScheduleListDto> {
    return this.schedules.list();
  }

  @Post()
  @Roles('operator')
  @ApiOperation({
    summary:
      'Save a plan with a schedule: at every cron occurrence its selector is resolved again, ' +
      'and the plan is made and executed with your role',
  })
  @ApiCreatedResponse({ type: ScheduleDto })
  @ApiErrors(400, 403)
  createSchedule(
    @Body() body: CreateScheduleDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<ScheduleDto> {
    return this.schedules.create(body, callerOf(who));
  }

  @Patch(':id')
  @Roles('operator')
  @ID
  @ApiOperation({ summary: 'Change a schedule, or turn it off and on' })
  @ApiOkResponse({ type: ScheduleDto })
  @ApiErrors(400, 403, 404, 409)
  updateSchedule(
    @Param('id', scheduleIdPipe) id: string,
    @Body() body: UpdateScheduleDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<ScheduleDto> {
    return this.schedules.update(id, body, callerOf(who));
  }

  @Delete(':id')
  @Roles('operator')
  @HttpCode(204)
  @ID
  @ApiOperation({ summary: 'Delete a schedule (its runs stay in the plan history)' })
  @ApiNoContentResponse()
  @ApiErrors(400, 404, 409)
  async deleteSchedule(@Param('id', scheduleIdPipe) id: string): Promise<void> {
    await this.schedules.remove(id);
  }

  @Get(':id/runs')
  @ID
  @ApiOperation({ summary: "A schedule's runs, newest first: each a plan with its results" })
  @ApiOkResponse({ type: ScheduleRunsDto })
  @ApiErrors(400, 404)
  async listScheduleRuns(@Param('id', scheduleIdPipe) id: string): Promise<ScheduleRunsDto> {
    return { items: await this.schedules.runs(id) };
  }
}
