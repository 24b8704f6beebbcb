import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { type JsonText, SendsJsonText } from '../common/json-text.js';
import { VmidPipe } from '../common/params.js';
import { TaskRefDto } from '../tasks/dto/task.dto.js';
import { ContainerSettingsService } from './container-settings.service.js';
import { ContainersService } from './containers.service.js';
import {
  ContainerDetailDto,
  ContainerInterfaceListDto,
  ContainerListDto,
} from './dto/container.dto.js';
import { CreateContainerDto, CreateContainerResultDto } from './dto/create-container.dto.js';
import { DeleteContainerQueryDto } from './dto/delete-container-query.dto.js';
import { ShutdownContainerDto } from './dto/shutdown-container.dto.js';
import { ListContainersQueryDto } from './dto/list-containers-query.dto.js';
import { ResizeDiskDto, UpdateContainerDto } from './dto/update-container.dto.js';

const VMID = ApiParam({ name: 'vmid', example: 101, type: Number });
const POWER_ERRORS = ApiErrors(400, 403, 404, 409, 503);

@ApiTags('containers')
@Controller('containers')
export class ContainersController {
  constructor(
    private readonly containers: ContainersService,
    private readonly settings: ContainerSettingsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'LXC containers of the cluster (QEMU VMs excluded)' })
  @ApiOkResponse({ type: ContainerListDto })
  @ApiErrors(400, 503)
  @SendsJsonText()
  listContainers(@Query() query: ListContainersQueryDto): Promise<JsonText<ContainerListDto>> {
    return this.containers.listContainers(query);
  }

  @Get(':vmid')
  @VMID
  @ApiOperation({ summary: 'One container: live status and configuration' })
  @ApiOkResponse({ type: ContainerDetailDto })
  @ApiErrors(400, 403, 404, 503)
  getContainer(@Param('vmid', VmidPipe) vmid: number): Promise<ContainerDetailDto> {
    return this.containers.getContainer(vmid);
  }

  @Patch(':vmid')
  @Roles('admin')
  @VMID
  @ApiOperation({
    summary: 'Change settings (resources, name, tags, protection, DNS, networks)',
    description:
      'Only what differs is sent to Proxmox; null clears a setting. Pass the digest from GET so a concurrent change answers 409 instead of being overwritten. A running container takes most changes live; the rest is listed in `pending` until its next stop or start.',
  })
  @ApiOkResponse({ type: ContainerDetailDto })
  @ApiErrors(400, 403, 404, 409, 503)
  updateContainer(
    @Param('vmid', VmidPipe) vmid: number,
    @Body() body: UpdateContainerDto,
  ): Promise<ContainerDetailDto> {
    return this.settings.update(vmid, body);
  }

  @Post(':vmid/resize')
  @Roles('admin')
  @HttpCode(202)
  @VMID
  @ApiOperation({ summary: 'Grow a disk (Proxmox never shrinks one); follow the returned task' })
  @ApiAcceptedResponse({ type: TaskRefDto })
  @ApiErrors(400, 403, 404, 409, 503)
  resizeContainerDisk(
    @Param('vmid', VmidPipe) vmid: number,
    @Body() body: ResizeDiskDto,
  ): Promise<TaskRefDto> {
    return this.settings.resize(vmid, body);
  }

  @Get(':vmid/interfaces')
  @VMID
  @ApiOperation({
    summary: 'Network interfaces and addresses of a running container (asked on demand)',
  })
  @ApiOkResponse({ type: ContainerInterfaceListDto })
  @ApiErrors(400, 403, 404, 409, 503)
  getContainerInterfaces(
    @Param('vmid', VmidPipe) vmid: number,
  ): Promise<ContainerInterfaceListDto> {
    return this.containers.getInterfaces(vmid);
  }

  @Post()
  @Roles('admin')
  @HttpCode(202)
  @ApiOperation({ summary: 'Create a container from a template; follow the returned task' })
  @ApiAcceptedResponse({ type: CreateContainerResultDto })
  @ApiErrors(400, 403, 409, 503)
  createContainer(@Body() body: CreateContainerDto): Promise<CreateContainerResultDto> {
    return this.containers.createContainer(body);
  }

  @Post(':vmid/start')
  @Roles('operator')
  @HttpCode(202)
  @VMID
  @ApiOperation({ summary: 'Start a container' })
  @ApiAcceptedResponse({ type: TaskRefDto })
  @POWER_ERRORS
  startContainer(@Param('vmid', VmidPipe) vmid: number): Promise<TaskRefDto> {
    return this.containers.powerAction(vmid, 'start');
  }

  @Post(':vmid/stop')
  @Roles('operator')
  @HttpCode(202)
  @VMID
  @ApiOperation({
    summary: 'Stop a container at once (like pulling the plug), ending a pending shutdown',
  })
  @ApiAcceptedResponse({ type: TaskRefDto })
  @POWER_ERRORS
  stopContainer(@Param('vmid', VmidPipe) vmid: number): Promise<TaskRefDto> {
    return this.containers.powerAction(vmid, 'stop');
  }

  @Post(':vmid/shutdown')
  @Roles('operator')
  @HttpCode(202)
  @VMID
  @ApiOperation({
    summary: 'Shut a container down cleanly; wait `timeout` s (60), then kill it if `forceStop`',
  })
  @ApiAcceptedResponse({ type: TaskRefDto })
  @POWER_ERRORS
  shutdownContainer(
    @Param('vmid', VmidPipe) vmid: number,
    @Body() body: ShutdownContainerDto,
  ): Promise<TaskRefDto> {
    return this.containers.powerAction(vmid, 'shutdown', body);
  }

  @Post(':vmid/reboot')
  @Roles('operator')
  @HttpCode(202)
  @VMID
  @ApiOperation({ summary: 'Reboot a running container' })
  @ApiAcceptedResponse({ type: TaskRefDto })
  @POWER_ERRORS
  rebootContainer(@Param('vmid', VmidPipe) vmid: number): Promise<TaskRefDto> {
    return this.containers.powerAction(vmid, 'reboot');
  }

  @Delete(':vmid')
  @Roles('admin')
  @HttpCode(202)
  @VMID
  @ApiOperation({ summary: 'Delete a container (must be stopped unless force is set)' })
  @ApiAcceptedResponse({ type: TaskRefDto })
  @POWER_ERRORS
  deleteContainer(
    @Param('vmid', VmidPipe) vmid: number,
    @Query() query: DeleteContainerQueryDto,
  ): Promise<TaskRefDto> {
    return this.containers.deleteContainer(vmid, query);
  }
}
