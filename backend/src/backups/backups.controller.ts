import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { VmidPipe } from '../common/params.js';
import { TaskRefDto } from '../tasks/dto/task.dto.js';
import { BackupsService } from './backups.service.js';
import {
  BackupFreshnessListDto,
  BackupJobListDto,
  BackupListDto,
  CreateBackupDto,
  FreshnessQueryDto,
  ListBackupsQueryDto,
  RestoreBackupDto,
  RestoreResultDto,
} from './dto/backup.dto.js';

@ApiTags('backups')
@Controller()
export class BackupsController {
  constructor(private readonly backups: BackupsService) {}

  @Get('backups')
  @ApiOperation({ summary: 'Backups (vzdump archives) on every storage that holds them' })
  @ApiOkResponse({ type: BackupListDto })
  @ApiErrors(400, 403, 503)
  listBackups(@Query() query: ListBackupsQueryDto): Promise<BackupListDto> {
    return this.backups.list(query);
  }

  @Get('backups/jobs')
  @ApiOperation({ summary: 'Scheduled backup jobs of the cluster (read-only) with their next run' })
  @ApiOkResponse({ type: BackupJobListDto })
  @ApiErrors(403, 503)
  listBackupJobs(): Promise<BackupJobListDto> {
    return this.backups.jobs();
  }

  @Get('backups/freshness')
  @ApiOperation({ summary: "Each container's last backup and whether it is older than `days`" })
  @ApiOkResponse({ type: BackupFreshnessListDto })
  @ApiErrors(400, 403, 503)
  backupFreshness(@Query() query: FreshnessQueryDto): Promise<BackupFreshnessListDto> {
    return this.backups.freshness(query.days, query.staleOnly ?? false);
  }

  @Post('containers/:vmid/backup')
  @Roles('operator')
  @HttpCode(202)
  @ApiParam({ name: 'vmid', example: 101, type: Number })
  @ApiOperation({ summary: 'Back a container up now (vzdump); follow the returned task' })
  @ApiAcceptedResponse({ type: TaskRefDto })
  @ApiErrors(400, 403, 404, 409, 503)
  backupContainer(
    @Param('vmid', VmidPipe) vmid: number,
    @Body() body: CreateBackupDto,
  ): Promise<TaskRefDto> {
    return this.backups.backup(vmid, body);
  }

  @Post('backups/restore')
  @Roles('admin')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Restore a backup into a new container, or over a stopped one with force',
  })
  @ApiAcceptedResponse({ type: RestoreResultDto })
  @ApiErrors(400, 403, 404, 409, 503)
  restoreBackup(@Body() body: RestoreBackupDto): Promise<RestoreResultDto> {
    return this.backups.restore(body);
  }

  @Delete('backups/:volid')
  @Roles('admin')
  @HttpCode(202)
  @ApiParam({
    name: 'volid',
    description: 'URL-encoded volume id',
    example: 'local%3Abackup%2Fvzdump-lxc-101-2026_12_06-18_00_00.tar.zst',
  })
  @ApiOperation({ summary: 'Delete a backup (protected ones are refused with 409)' })
  @ApiAcceptedResponse({ type: TaskRefDto })
  @ApiErrors(400, 403, 404, 409, 503)
  deleteBackup(@Param('volid') volid: string): Promise<TaskRefDto> {
    return this.backups.remove(volid);
  }
}
