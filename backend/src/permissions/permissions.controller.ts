import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { PermissionReportDto } from './dto/permission-report.dto.js';
import { PermissionsService } from './permissions.service.js';

@ApiTags('permissions')
@Controller('permissions')
export class PermissionsController {
  constructor(private readonly permissions: PermissionsService) {}

  @Get()
  @ApiOperation({
    summary: "Which console features the Proxmox token's privileges allow, and what each one lacks",
  })
  @ApiOkResponse({ type: PermissionReportDto })
  @ApiErrors(503)
  getPermissionReport(): Promise<PermissionReportDto> {
    return this.permissions.report();
  }
}
