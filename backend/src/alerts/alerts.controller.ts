import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { AlertsService } from './alerts.service.js';
import { AckAlertDto, AlertDto, AlertListDto, AlertQueryDto } from './dto/alert.dto.js';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @ApiOperation({
    summary: 'Alerts, newest first: firing, resolved, or suppressed with the reason',
  })
  @ApiOkResponse({ type: AlertListDto })
  @ApiErrors(400)
  listAlerts(@Query() query: AlertQueryDto): Promise<AlertListDto> {
    return this.alerts.list(query.state, query.limit);
  }

  @Post(':id/ack')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Acknowledge an alert (who and a note); it is not sent again' })
  @ApiOkResponse({ type: AlertDto })
  @ApiErrors(400, 404)
  ackAlert(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: AckAlertDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AlertDto> {
    return this.alerts.ack(id, actorOf(principal), body.note);
  }
}
