import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CurrentPrincipal } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { VMID_MAX, VMID_MIN } from '../common/params.js';
import { ActionPermissionsService } from './action-permissions.service.js';
import { ActionPermissionsListDto } from './dto/action-permissions.dto.js';

export class ActionPermissionsQueryDto {
  @ApiPropertyOptional({ description: 'Only this container', example: 101 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'vmid must be a whole number' })
  @Min(VMID_MIN)
  @Max(VMID_MAX)
  vmid?: number;
}

@ApiTags('plans')
@Controller('permissions')
export class ActionPermissionsController {
  constructor(private readonly actions: ActionPermissionsService) {}

  @Get('containers')
  @ApiOperation({
    summary:
      'Which actions the Proxmox token and your role may not take on each container, with the ' +
      'missing privilege and path (the check plans make), for disabling buttons',
  })
  @ApiOkResponse({ type: ActionPermissionsListDto })
  @ApiErrors(400, 503)
  listActionPermissions(
    @Query() query: ActionPermissionsQueryDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<ActionPermissionsListDto> {
    return this.actions.list(who.role, query.vmid);
  }
}
