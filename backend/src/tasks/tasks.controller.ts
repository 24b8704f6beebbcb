import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { TaskDetailDto, TaskListDto } from './dto/task.dto.js';
import { ListTasksQueryDto, TaskLogQueryDto } from './dto/task-query.dto.js';
import { TasksService } from './tasks.service.js';

@ApiTags('tasks')
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({ summary: 'Recent Proxmox tasks of the whole cluster, newest first' })
  @ApiOkResponse({ type: TaskListDto })
  @ApiErrors(400, 503)
  listTasks(@Query() query: ListTasksQueryDto): Promise<TaskListDto> {
    return this.tasks.listTasks(query);
  }

  @Get(':upid')
  @ApiOperation({ summary: 'One task: status, exit status and log' })
  @ApiParam({ name: 'upid', description: 'URL-encoded UPID' })
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiErrors(400, 403, 404, 503)
  getTask(@Param('upid') upid: string, @Query() query: TaskLogQueryDto): Promise<TaskDetailDto> {
    return this.tasks.getTask(upid, query.start, query.limit);
  }
}
