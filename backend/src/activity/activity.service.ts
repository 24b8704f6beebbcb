import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ClusterStateService } from '../cache/cluster-state.service.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import type { Upid } from '../proxmox/proxmox.types.js';
import { taskSucceeded } from '../proxmox/task.mappers.js';
import { ActivityRepository } from './activity.repository.js';
import type { ActivityEntryDto } from './dto/activity-entry.dto.js';

/** Until console accounts exist every action is taken by the console itself. */
export const CONSOLE_ACTOR = 'console';
const TASK_WATCH_TIMEOUT_MS = 30 * 60_000;

/**
 * Records every mutating action with the Proxmox task it started, and follows the task so the
 * entry ends with Proxmox's own result.
 */
@Injectable()
export class ActivityService implements OnModuleDestroy {
  private readonly logger = new Logger(ActivityService.name);
  private readonly watching = new Set<Promise<void>>();
  private readonly closing = new AbortController();

  constructor(
    private readonly repo: ActivityRepository,
    private readonly proxmox: ProxmoxClient,
    private readonly cluster: ClusterStateService,
  ) {}

  async recordTask(action: string, target: string, task: Upid): Promise<void> {
    const entry = await this.repo.insert({
      at: Date.now(),
      actor: CONSOLE_ACTOR,
      action,
      target,
      node: task.node,
      upid: task.upid,
      result: 'started',
      message: null,
      endedAt: null,
    });
    const watch = this.follow(entry.id, task.upid).finally(() => this.watching.delete(watch));
    this.watching.add(watch);
  }

  async recent(limit = 20): Promise<ActivityEntryDto[]> {
    const rows = await this.repo.recent(limit);
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      actor: r.actor,
      action: r.action,
      target: r.target,
      node: r.node,
      upid: r.upid ?? undefined,
      result: r.result,
      message: r.message ?? undefined,
    }));
  }

  /** Waits for the task watchers still running (tests use it to see final results). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.watching]);
  }

  async onModuleDestroy(): Promise<void> {
    this.closing.abort();
    await this.settle();
  }

  private async follow(id: number, upid: string): Promise<void> {
    try {
      const task = await this.proxmox.waitForTask(upid, {
        intervalMs: 1000,
        timeoutMs: TASK_WATCH_TIMEOUT_MS,
        signal: this.closing.signal,
      });
      await this.repo.finish(id, taskSucceeded(task) ? 'ok' : 'error', task.exitstatus ?? null);
      this.cluster.invalidate();
    } catch (error) {
      if (this.closing.signal.aborted) return;
      this.logger.warn(`could not follow task ${upid}: ${(error as Error).message}`);
    }
  }
}
