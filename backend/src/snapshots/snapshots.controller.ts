import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  type PipeTransform,
  Post,
} from '@nestjs/common';
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
import {
  CreateSnapshotDto,
  RollbackSnapshotDto,
  SNAPSHOT_NAME,
  SNAPSHOT_NAME_MESSAGE,
  SnapshotDto,
} from './dto/snapshot.dto.js';
import { SnapshotsService } from './snapshots.service.js';

/** Path parameter {name}: a snapshot name as PVE accepts it. */
class SnapshotNamePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!SNAPSHOT_NAME.test(value)) {
      throw new BadRequestException({
        message: SNAPSHOT_NAME_MESSAGE,
        fields: { name: 'invalid' },
      });
    }
    return value;
  }
}

const VMID = ApiParam({ name: 'vmid', example: 101, type: Number });
const NAME = ApiParam({ name: 'name', example: 'before-upgrade', type: String });

@ApiTags('snapshots')
@Controller('containers/:vmid/snapshots')
export class SnapshotsController {
  constructor(private readonly snapshots: SnapshotsService) {}

  @Get()
  @VMID
  @ApiOperation({ summary: "A container's snapshots, oldest first, with their parent links" })
  @ApiOkResponse({ type: [SnapshotDto] })
  @ApiErrors(400, 403, 404, 503)
  listSnapshots(@Param('vmid', VmidPipe) vmid: number): Promise<SnapshotDto[]> {
    return this.snapshots.list(vmid);
  }

  @Post()
  @Roles('operator')
  @HttpCode(202)
  @VMID
  @ApiOperation({ summary: 'Take a snapshot; follow the returned task' })
  @ApiAcceptedResponse({ type: TaskRefDto })
  @ApiErrors(400, 403, 404, 409, 503)
  createSnapshot(
    @Param('vmid', VmidPipe) vmid: number,
    @Body() body: CreateSnapshotDto,
  ): Promise<TaskRefDto> {
    return this.snapshots.create(vmid, body);
  }

  @Post(':name/rollback')
  @Roles('admin')
  @HttpCode(202)
  @VMID
  @NAME
  @ApiOperation({
    summary: 'Roll back to a snapshot: everything since it is lost, a running container is stopped',
  })
  @ApiAcceptedResponse({ type: TaskRefDto })
  @ApiErrors(400, 403, 404, 409, 503)
  rollbackSnapshot(
    @Param('vmid', VmidPipe) vmid: number,
    @Param('name', SnapshotNamePipe) name: string,
    @Body() body: RollbackSnapshotDto,
  ): Promise<TaskRefDto> {
    return this.snapshots.rollback(vmid, name, body.start ?? false);
  }

  @Delete(':name')
  @Roles('admin')
  @HttpCode(202)
  @VMID
  @NAME
  @ApiOperation({ summary: 'Delete a snapshot (the container stays as it is)' })
  @ApiAcceptedResponse({ type: TaskRefDto })
  @ApiErrors(400, 403, 404, 409, 503)
  deleteSnapshot(
    @Param('vmid', VmidPipe) vmid: number,
    @Param('name', SnapshotNamePipe) name: string,
  ): Promise<TaskRefDto> {
    return this.snapshots.remove(vmid, name);
  }
}
