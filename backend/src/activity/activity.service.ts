import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ClusterStateService } from '../cache/cluster-state.service.js';
import { EventsService } from '../events/events.service.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { type HaRequest, haMessage, haProgress, haRequestOf } from '../proxmox/ha-request.js';
import type { PveGuest, TaskSummary, Upid } from '../proxmox/proxmox.types.js';
import { taskLock, taskSucceeded } from '../proxmox/task.mappers.js';
import { currentActor, currentAddress } from '../auth/request-context.js';
import { toTaskDto } from '../tasks/tasks.service.js';
import { toCsv } from './activity-csv.js';
import { type ActivityFilter, ActivityRepository } from './activity.repository.js';
import type { ActivityEntryDto, ActivityPageDto } from './dto/activity-entry.dto.js';
import {
  ACTIVITY_EXPORT_MAX,
  ACTIVITY_PAGE_MAX,
  type ActivityQueryDto,
} from './dto/activity-query.dto.js';
import type { ActivityEntry } from './entities/activity-entry.entity.js';

/** The actor of actions no signed-in caller started (e.g. background jobs). */
export const CONSOLE_ACTOR = 'console';

function toFilter(q: ActivityQueryDto): ActivityFilter {
  return {
    actor: q.actor,
    action: q.action,
    target: q.target,
    result: q.result,
    since: q.since === undefined ? undefined : Date.parse(q.since),
    until: q.until === undefined ? undefined : Date.parse(q.until),
  };
}

function toDto(r: ActivityEntry): ActivityEntryDto {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    target: r.target,
    node: r.node,
    upid: r.upid ?? undefined,
    result: r.result,
    message: r.message ?? undefined,
    endedAt: r.endedAt === null ? undefined : new Date(r.endedAt).toISOString(),
    targets: r.targets ?? undefined,
  };
}
const TASK_WATCH_TIMEOUT_MS = 30 * 60_000;
/** How often an HA request is checked against /cluster/resources (pvestatd: every 10 s). */
export const HA_POLL_MS = 2_000;
/** An HA request not carried out in this time is reported as failed. */
export const HA_SETTLE_TIMEOUT_MS = 5 * 60_000;

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
    private readonly events: EventsService,
  ) {}

  /** `actor` defaults to the caller of the request being served (see auth/request-context). */
  async recordTask(
    action: string,
    target: string,
    task: Upid,
    actor = currentActor() ?? CONSOLE_ACTOR,
  ): Promise<void> {
    const entry = await this.repo.insert({
      at: Date.now(),
      actor,
      action,
      target,
      node: task.node,
      upid: task.upid,
      result: 'started',
      message: null,
      endedAt: null,
      targets: null,
    });
    this.publishTask({ ...task, status: 'running' });
    const watch = this.follow(entry.id, task.upid).finally(() => this.watching.delete(watch));
    this.watching.add(watch);
  }

  /** An action Proxmox finished at once (a config change): no task, the result is final. */
  async recordDone(
    action: string,
    target: string,
    node: string,
    message: string,
    actor = currentActor() ?? CONSOLE_ACTOR,
  ): Promise<void> {
    const now = Date.now();
    await this.repo.insert({
      at: now,
      actor,
      action,
      target,
      node,
      upid: null,
      result: 'ok',
      message,
      endedAt: now,
      targets: null,
    });
  }

  /**
   * A sign-in event (L-8): who, from which address, and whether it worked. The address is in the
   * message ("from 192.0.2.7"); the target is the account, `user/<name>`.
   */
  async recordSignIn(
    action: string,
    actor: string,
    address: string,
    ok: boolean,
    detail?: string,
  ): Promise<void> {
    await this.recordEvent({ action, actor, address, target: `user/${actor}`, ok, detail });
  }

  /**
   * A change to accounts, API tokens or two-factor sign-in (L-8), made by the caller of the
   * request being served (`console` when no one is signed in, e.g. at start-up or single
   * sign-on), with its address in the message like a sign-in.
   */
  async recordAccountChange(
    action: string,
    target: string,
    ok: boolean,
    detail?: string,
  ): Promise<void> {
    await this.recordEvent({
      action,
      actor: currentActor() ?? CONSOLE_ACTOR,
      address: currentAddress() ?? 'the console itself',
      target,
      ok,
      detail,
    });
  }

  private async recordEvent(e: {
    action: string;
    actor: string;
    address: string;
    target: string;
    ok: boolean;
    detail?: string;
  }): Promise<void> {
    const now = Date.now();
    await this.repo.insert({
      at: now,
      actor: e.actor.slice(0, 128),
      action: e.action,
      target: e.target.slice(0, 255),
      node: '',
      upid: null,
      result: e.ok ? 'ok' : 'error',
      message: `from ${e.address}${e.detail ? `: ${e.detail}` : ''}`,
      endedAt: now,
      targets: null,
    });
  }

  /** The console's own actions on these targets since `since` (epoch ms), oldest first. */
  actionsOn(targets: string[], since: number): Promise<ActivityEntry[]> {
    return targets.length ? this.repo.forTargetsSince(targets, since) : Promise.resolve([]);
  }

  /**
   * A plan run as one entry (target `plan/<id>`) with the containers it acts on; the plan ends it
   * with finishPlan once every target is settled. Returns the entry id.
   */
  async recordPlan(
    action: string,
    planId: string,
    targets: string[],
    actor: string,
  ): Promise<number> {
    const entry = await this.repo.insert({
      at: Date.now(),
      actor,
      action,
      target: `plan/${planId}`,
      node: '',
      upid: null,
      result: 'started',
      message: null,
      endedAt: null,
      targets,
    });
    return entry.id;
  }

  async finishPlan(id: number, ok: boolean, summary: string): Promise<void> {
    await this.repo.finish(id, ok ? 'ok' : 'error', summary);
  }

  async recent(limit = 20): Promise<ActivityEntryDto[]> {
    return (await this.repo.recent(limit)).map(toDto);
  }

  async list(query: ActivityQueryDto): Promise<ActivityPageDto> {
    const take = Math.min(query.limit ?? 100, ACTIVITY_PAGE_MAX);
    const [rows, total] = await this.repo.page(toFilter(query), take, query.offset ?? 0);
    return { entries: rows.map(toDto), total };
  }

  /** The filtered log as CSV, newest first, at most ACTIVITY_EXPORT_MAX lines. */
  async exportCsv(query: ActivityQueryDto): Promise<string> {
    const [rows] = await this.repo.page(toFilter(query), ACTIVITY_EXPORT_MAX, query.offset ?? 0);
    return toCsv(rows.map(toDto));
  }

  /** Waits for the task watchers still running (tests use it to see final results). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.watching]);
  }

  async onModuleDestroy(): Promise<void> {
    this.closing.abort();
    await this.settle();
  }

  /**
   * An hastart/hastop task ends OK as soon as the HA manager has the request: the entry stays
   * started ("HA: start requested") and ends when /cluster/resources shows the CT in the state
   * asked for, or the HA state says it failed, or after HA_SETTLE_TIMEOUT_MS.
   */
  private async followHa(id: number, task: TaskSummary, request: HaRequest): Promise<void> {
    await this.repo.note(id, haMessage(request, 'requested'));
    const deadline = Date.now() + HA_SETTLE_TIMEOUT_MS;
    let guest: PveGuest | undefined;
    while (Date.now() < deadline && !this.closing.signal.aborted) {
      // shared with every other reader: at most one /cluster/resources per HA_POLL_MS
      const snapshot = await this.cluster.snapshot(HA_POLL_MS);
      guest = snapshot.resources.guests.find((g) => String(g.vmid) === task.id);
      const progress = snapshot.stale ? 'requested' : haProgress(request, guest);
      if (progress !== 'requested') {
        return this.repo.finish(
          id,
          progress === 'done' ? 'ok' : 'error',
          haMessage(request, progress, guest),
        );
      }
      await sleep(HA_POLL_MS, undefined, { signal: this.closing.signal }).catch(() => undefined);
    }
    if (this.closing.signal.aborted) return;
    const waited = `not ${request.until} after ${HA_SETTLE_TIMEOUT_MS / 60_000} min`;
    await this.repo.finish(id, 'error', `${haMessage(request, 'requested', guest)}: ${waited}`);
  }

  private async follow(id: number, upid: string): Promise<void> {
    try {
      const task = await this.proxmox.waitForTask(upid, {
        intervalMs: 1000,
        timeoutMs: TASK_WATCH_TIMEOUT_MS,
        signal: this.closing.signal,
      });
      const result = taskSucceeded(task) ? 'ok' : taskLock(task) ? 'locked' : 'error';
      const ha = haRequestOf(task);
      if (ha && result === 'ok') {
        this.publishTask(task);
        return await this.followHa(id, task, ha);
      }
      await this.repo.finish(id, result, task.exitstatus ?? null);
      this.cluster.invalidate();
      this.publishTask(task);
    } catch (error) {
      if (this.closing.signal.aborted) return;
      this.logger.warn(`could not follow task ${upid}: ${(error as Error).message}`);
    }
  }

  /** Tasks the console started reach open pages as they start and end (GET /api/events). */
  private publishTask(task: TaskSummary): void {
    this.events.publish('task', toTaskDto(task));
  }
}
