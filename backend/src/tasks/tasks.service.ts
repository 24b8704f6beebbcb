import { Injectable, Logger } from '@nestjs/common';
import { TASK_DETAIL_PREFIX } from '../cache/cache-pruner.service.js';
import { CachedReadService } from '../cache/cached-read.service.js';
import { ClusterStateService } from '../cache/cluster-state.service.js';
import { connectionFailure } from '../cache/proxmox-failure.js';
import { freshnessOf } from '../common/freshness.dto.js';
import { badRequest } from '../common/domain-errors.js';
import { ProxmoxClient, parseUpid } from '../proxmox/proxmox.client.js';
import type { TaskSummary } from '../proxmox/proxmox.types.js';
import { taskLock, taskSucceeded } from '../proxmox/task.mappers.js';
import { haMessage, haProgress, haRequestOf } from '../proxmox/ha-request.js';
import type { TaskDetailDto, TaskDto, TaskHaDto, TaskListDto } from './dto/task.dto.js';
import { isFinal, mergePage, pageOf, readFrom, type TaskRecord } from './task-record.js';

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

  /**
   * Status and log through the cache, one entry per task: a finished task never changes, so once
   * its log is read it is served without asking Proxmox again; a running one is read live, or
   * stale while Proxmox is away.
   */
  async getTask(upid: string, start = 0, limit = 500): Promise<TaskDetailDto> {
    if (!parseUpid(upid)) {
      throw badRequest(
        `'${upid}' is not a Proxmox task id (UPID:node:pid:pstart:starttime:type:id:user:)`,
        'upid',
      );
    }
    const key = `${TASK_DETAIL_PREFIX}${upid}`;
    const read = await this.cached.read(key, () => this.fetchTask(key, upid, start, limit), {
      final: (record) => isFinal(record, start, limit),
    });
    const record = read.value;
    const ha = await this.haOf(record.status);
    return {
      ...toTaskDto(record.status),
      log: pageOf(record, start, limit),
      logTotal: record.total,
      ...(ha ? { ha } : {}),
      ...freshnessOf(read),
    };
  }

  /** For an hastart/hastop task that ended OK: has the HA manager done it yet (ha-request.ts)? */
  private async haOf(task: TaskSummary): Promise<TaskHaDto | undefined> {
    const request = haRequestOf(task);
    if (!request || task.status !== 'stopped' || !taskSucceeded(task)) return undefined;
    const snapshot = await this.cluster.snapshot();
    const guest = snapshot.resources.guests.find((g) => String(g.vmid) === task.id);
    const progress = haProgress(request, guest);
    return {
      action: request.action,
      progress,
      message: haMessage(request, progress, guest),
      hastate: guest?.hastate ?? null,
    };
  }

  /** Status first: once it says stopped, the log read after it is complete. */
  private async fetchTask(
    key: string,
    upid: string,
    start: number,
    limit: number,
  ): Promise<TaskRecord> {
    const known = await this.cached.peek<TaskRecord>(key);
    const from = readFrom(known, start);
    const status = await this.proxmox.getTaskStatus(upid);
    const page = await this.proxmox.getTaskLog(upid, from, start - from + limit);
    return mergePage(known, status, from, page);
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
    const lock = taskLock(t);
    if (lock) dto.lockedBy = lock;
  }
  return dto;
}
