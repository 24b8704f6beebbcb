import { Injectable, Logger } from '@nestjs/common';
import { CachedReadService } from '../cache/cached-read.service.js';
import { ClusterStateService } from '../cache/cluster-state.service.js';
import { connectionFailure } from '../cache/proxmox-failure.js';
import { freshnessOf } from '../common/freshness.dto.js';
import { badRequest } from '../common/domain-errors.js';
import { ProxmoxClient, parseUpid } from '../proxmox/proxmox.client.js';
import type { TaskSummary } from '../proxmox/proxmox.types.js';
import { taskSucceeded } from '../proxmox/task.mappers.js';
import type { TaskDetailDto, TaskDto, TaskListDto } from './dto/task.dto.js';

export const DEFAULT_TASK_LIMIT = 50;

@Injectable()
export class TasksService {
  private readonly logger = new Logger(TasksService.name);

  constructor(
    private readonly proxmox: ProxmoxClient,
    private readonly cluster: ClusterStateService,
    private readonly cached: CachedReadService,
  ) {}

  /** Recent tasks of every online node, newest first (running ones included). */
  async listTasks(query: { vmid?: number; limit?: number } = {}): Promise<TaskListDto> {
    const limit = query.limit ?? DEFAULT_TASK_LIMIT;
    const read = await this.cached.read(`tasks/${query.vmid ?? '*'}/${limit}`, () =>
      this.fetchTasks(limit, query.vmid),
    );
    return { items: read.value.map(toTaskDto), ...freshnessOf(read) };
  }

  private async fetchTasks(limit: number, vmid?: number): Promise<TaskSummary[]> {
    const { resources } = await this.cluster.snapshot();
    const online = resources.nodes.filter((n) => n.status === 'online');
    const perNode = await Promise.all(
      online.map((n) =>
        this.proxmox
          .listNodeTasks(n.node, { limit, vmid, source: 'all' })
          .catch((error: unknown) => {
            // Proxmox as a whole is away: let the cached read answer instead of an empty list
            if (connectionFailure(error)) throw error;
            this.logger.warn(`tasks of node ${n.node} unavailable: ${(error as Error).message}`);
            return [] as TaskSummary[];
          }),
      ),
    );
    return perNode
      .flat()
      .sort((a, b) => b.starttime - a.starttime)
      .slice(0, limit);
  }

  async getTask(upid: string, start = 0, limit = 500): Promise<TaskDetailDto> {
    if (!parseUpid(upid)) {
      throw badRequest(
        `'${upid}' is not a Proxmox task id (UPID:node:pid:pstart:starttime:type:id:user:)`,
        'upid',
      );
    }
    const [status, log] = await Promise.all([
      this.proxmox.getTaskStatus(upid),
      this.proxmox.getTaskLog(upid, start, limit),
    ]);
    return { ...toTaskDto(status), log: log.lines, logTotal: log.total };
  }
}

export function toTaskDto(t: TaskSummary): TaskDto {
  const dto: TaskDto = {
    upid: t.upid,
    node: t.node,
    type: t.type,
    id: t.id,
    user: t.user,
    starttime: t.starttime,
    status: t.status,
  };
  if (t.endtime !== undefined) dto.endtime = t.endtime;
  if (t.status === 'stopped') {
    dto.exitstatus = t.exitstatus;
    dto.ok = taskSucceeded(t);
  }
  return dto;
}
