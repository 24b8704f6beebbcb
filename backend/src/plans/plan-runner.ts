import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service.js';
import { ClusterStateService } from '../cache/cluster-state.service.js';
import { BackupsService } from '../backups/backups.service.js';
import { ContainerSettingsService } from '../containers/container-settings.service.js';
import { ContainersService } from '../containers/containers.service.js';
import { EventsService } from '../events/events.service.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import { SnapshotsService } from '../snapshots/snapshots.service.js';
import type { Upid } from '../proxmox/proxmox.types.js';
import { taskSucceeded } from '../proxmox/task.mappers.js';
import type { Role } from '../users/roles.js';
import type { Plan, PlanTarget } from './entities/plan.entity.js';
import { retagged } from './plan-actions.js';
import { PlanFacts } from './plan-facts.js';
import { subjectOf, summarize, toPlanDto } from './plan-mapper.js';
import { judgeTarget } from './plan-targets.js';
import { PlansClock } from './plans-clock.js';
import { PlansRepository } from './plans.repository.js';

/** How often a running target's task is polled (tasks are followed, not fired and forgotten). */
export const PLAN_TASK_POLL_MS = 500;
const PLAN_TASK_TIMEOUT_MS = 30 * 60_000;

interface Run {
  plan: Plan;
  role: Role;
  cancelled: boolean;
  /** saves of this plan, one after the other */
  saving: Promise<void>;
  done: Promise<void>;
}

type Outcome = { status: 'skipped' | 'failed'; error: string } | { act: true };

/**
 * Runs executed plans on the server, `concurrency` targets at a time: each target is checked again
 * just before acting (it may have changed since the plan was made), its task is started through
 * the containers service and followed to its end, and every step is saved so GET shows progress.
 */
@Injectable()
export class PlanRunner implements OnModuleDestroy {
  private readonly logger = new Logger(PlanRunner.name);
  private readonly runs = new Map<string, Run>();
  private readonly closing = new AbortController();

  constructor(
    private readonly repo: PlansRepository,
    private readonly cluster: ClusterStateService,
    private readonly containers: ContainersService,
    private readonly settings: ContainerSettingsService,
    private readonly snapshots: SnapshotsService,
    private readonly backups: BackupsService,
    private readonly facts: PlanFacts,
    private readonly permissions: PermissionsService,
    private readonly proxmox: ProxmoxClient,
    private readonly activity: ActivityService,
    private readonly clock: PlansClock,
    private readonly events: EventsService,
  ) {}

  /** The live copy of a running plan (fresher than the database between saves). */
  live(id: string): Plan | undefined {
    return this.runs.get(id)?.plan;
  }

  /** Starts the run in the background; the plan is already saved as running. */
  start(plan: Plan, role: Role): void {
    const run: Run = { plan, role, cancelled: false, saving: Promise.resolve(), done: undefined! };
    run.done = this.run(run)
      .catch((error: unknown) => this.logger.error(`plan ${plan.id}: ${(error as Error).message}`))
      .finally(() => this.runs.delete(plan.id));
    this.runs.set(plan.id, run);
  }

  /** Stops starting new targets; those already started are followed to their end. */
  async cancel(id: string): Promise<boolean> {
    const run = this.runs.get(id);
    if (!run) return false;
    run.cancelled = true;
    for (const t of run.plan.targets.filter((x) => x.status === 'pending')) {
      this.settle(t, 'skipped', 'cancelled before it started');
    }
    await this.save(run);
    return true;
  }

  /** Waits for every run in progress (tests use it to see final results). */
  async settleAll(): Promise<void> {
    await Promise.allSettled([...this.runs.values()].map((r) => r.done));
  }

  async onModuleDestroy(): Promise<void> {
    this.closing.abort();
    await this.settleAll();
  }

  private async run(run: Run): Promise<void> {
    const { plan } = run;
    const queue = plan.targets.filter((t) => t.status === 'pending');
    const workers = Math.max(1, Math.min(plan.concurrency ?? 1, queue.length));
    await Promise.all(
      Array.from({ length: workers }, async () => {
        for (let t = queue.shift(); t; t = queue.shift()) {
          if (t.status !== 'pending') continue;
          await this.runTarget(run, t);
        }
      }),
    );
    plan.state = run.cancelled
      ? 'cancelled'
      : plan.targets.some((t) => t.status === 'failed')
        ? 'failed'
        : 'done';
    plan.endedAt = this.clock.now();
    await this.save(run);
    if (plan.activityId !== null) {
      const failed = plan.targets.some((t) => t.status === 'failed');
      await this.activity.finishPlan(plan.activityId, !failed, summarize(plan.targets));
    }
  }

  private async runTarget(run: Run, t: PlanTarget): Promise<void> {
    t.status = 'running';
    t.startedAt = this.clock.now();
    await this.save(run);
    try {
      const outcome = await this.recheck(run, t);
      if ('act' in outcome) {
        await this.actAndFollow(run, t);
      } else {
        this.settle(t, outcome.status, outcome.error);
      }
    } catch (error) {
      this.settle(t, 'failed', (error as Error).message);
    }
    await this.save(run);
  }

  private async actAndFollow(run: Run, t: PlanTarget): Promise<void> {
    const started = this.act(run.plan, t);
    if (started === null) {
      // tags are a synchronous config change: no task to follow
      const changed = await this.settings.retag(t.vmid, (tags) => retagged(tags, run.plan.params));
      this.settle(
        t,
        changed ? 'ok' : 'skipped',
        changed ? undefined : 'already tagged so: skipped',
      );
      return;
    }
    const task = await started;
    t.upid = task.upid;
    await this.save(run);
    await this.follow(t, task.upid);
  }

  /** The target as it is now: still there, still allowed, not already in the target state. */
  private async recheck(run: Run, t: PlanTarget): Promise<Outcome> {
    const snapshot = await this.cluster.freshSnapshot(0);
    const guest = snapshot.resources.guests.find((g) => g.vmid === t.vmid && g.type === 'lxc');
    if (!guest) return { status: 'failed', error: `CT ${t.vmid} no longer exists` };
    t.node = guest.node;
    const { action, params } = run.plan;
    const [permissions, facts] = await Promise.all([
      this.permissions.onPath(`/vms/${t.vmid}`),
      this.facts.read(action, params, [guest]),
    ]);
    const storage = facts.get(t.vmid)?.storage;
    if (storage) {
      Object.assign(permissions, await this.permissions.onPath(`/storage/${storage}`));
    }
    const verdict = judgeTarget({
      action,
      params,
      guest: subjectOf(guest),
      permissions,
      role: run.role,
      facts: facts.get(t.vmid),
    });
    if (!verdict.allowed) return { status: 'failed', error: `${verdict.reason} (checked again)` };
    const skipped = verdict.warnings.find((w) => w.code === 'skipped');
    if (skipped) return { status: 'skipped', error: skipped.message };
    if (guest.lock) return { status: 'failed', error: `CT ${t.vmid} is locked (${guest.lock})` };
    return { act: true };
  }

  /** Starts the target's task through the service of its single-container route. */
  private act(plan: Plan, t: PlanTarget): Promise<Upid> | null {
    const p = plan.params;
    switch (plan.action) {
      case 'start':
      case 'stop':
      case 'shutdown':
      case 'reboot':
        return this.containers.startPowerTask(t.vmid, plan.action);
      case 'delete':
        return this.containers.startDeleteTask(t.vmid, p);
      case 'snapshot':
        return this.snapshots.startCreateTask(t.vmid, {
          name: p.name!,
          description: p.description,
        });
      case 'backup':
        return this.backups.startBackupTask(t.vmid, {
          storage: p.storage,
          mode: p.mode ?? 'snapshot',
          compress: p.compress,
          notes: p.notes,
        });
      case 'tag':
        return null;
    }
  }

  private async follow(t: PlanTarget, upid: string): Promise<void> {
    const task = await this.proxmox.waitForTask(upid, {
      intervalMs: PLAN_TASK_POLL_MS,
      timeoutMs: PLAN_TASK_TIMEOUT_MS,
      signal: this.closing.signal,
    });
    this.cluster.invalidate();
    if (taskSucceeded(task)) this.settle(t, 'ok');
    else this.settle(t, 'failed', task.exitstatus ?? 'the task failed');
  }

  private settle(t: PlanTarget, status: PlanTarget['status'], error?: string): void {
    t.status = status;
    if (error !== undefined) t.error = error;
    t.endedAt = this.clock.now();
  }

  /** Saves the plan and pushes its progress on the event stream (`event: plan`). */
  private save(run: Run): Promise<void> {
    this.events.publish('plan', toPlanDto(run.plan));
    run.saving = run.saving
      .then(() => this.repo.save(run.plan))
      .catch((error: unknown) =>
        this.logger.warn(`could not save plan ${run.plan.id}: ${(error as Error).message}`),
      );
    return run.saving;
  }
}
