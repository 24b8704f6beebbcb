import { randomUUID } from 'node:crypto';
import { ForbiddenException, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { ClusterStateService } from '../cache/cluster-state.service.js';
import { badRequest, conflict, notFound } from '../common/domain-errors.js';
import { toContainerList } from '../containers/container-list.js';
import { EventsService } from '../events/events.service.js';
import { PermissionsService } from '../permissions/permissions.service.js';
import type { PermissionMap } from '../permissions/permission-report.js';
import type { PveGuest } from '../proxmox/proxmox.types.js';
import { parseRequestSelector } from '../selectors/selector-request.js';
import { type Role, roleAllows } from '../users/roles.js';
import {
  type CreatePlanDto,
  type ExecutePlanDto,
  PLAN_DEFAULT_CONCURRENCY,
  PLAN_MAX_TARGETS,
} from './dto/create-plan.dto.js';
import type { PlanDto } from './dto/plan.dto.js';
import { Plan, type PlanTarget } from './entities/plan.entity.js';
import { PLAN_ACTION_SPECS, type PlanAction, type PlanParams } from './plan-actions.js';
import { PlanFacts } from './plan-facts.js';
import { checkParams } from './plan-params.js';
import { subjectOf, summarize, toPlanDto } from './plan-mapper.js';
import { judgeTarget, type TargetFacts } from './plan-targets.js';
import { PlanRunner } from './plan-runner.js';
import { PlansClock } from './plans-clock.js';
import { PlansRepository } from './plans.repository.js';

/** A plan can be executed for this long after it was made, so a stale preview never runs. */
export const PLAN_TTL_MS = 15 * 60_000;

/** Who asks: the actor name the activity log records and the console role. */
export interface PlanCaller {
  actor: string;
  role: Role;
}

export const callerOf = (p: Principal): PlanCaller => ({ actor: actorOf(p), role: p.role });

@Injectable()
export class PlansService implements OnModuleInit {
  private readonly logger = new Logger(PlansService.name);

  constructor(
    private readonly repo: PlansRepository,
    private readonly cluster: ClusterStateService,
    private readonly permissions: PermissionsService,
    private readonly facts: PlanFacts,
    private readonly activity: ActivityService,
    private readonly runner: PlanRunner,
    private readonly clock: PlansClock,
    private readonly events: EventsService,
  ) {}

  /** A run cut off by a restart cannot be followed any more: it ends failed, saying why. */
  async onModuleInit(): Promise<void> {
    for (const plan of await this.repo.running()) {
      for (const t of plan.targets) {
        if (t.status === 'pending') Object.assign(t, { status: 'skipped', error: RESTARTED });
        if (t.status === 'running') Object.assign(t, { status: 'failed', error: RESTARTED });
      }
      plan.state = 'failed';
      plan.endedAt = this.clock.now();
      await this.repo.save(plan);
      if (plan.activityId !== null) {
        await this.activity.finishPlan(plan.activityId, false, summarize(plan.targets));
      }
      this.logger.warn(`plan ${plan.id} was interrupted by a restart`);
    }
  }

  /**
   * Resolves the targets and judges each one; nothing is sent to Proxmox but reads. A schedule's
   * run names the schedule, so its plans form that schedule's history.
   */
  async create(dto: CreatePlanDto, caller: PlanCaller, scheduleId?: string): Promise<PlanDto> {
    const params = checkParams(dto.action, { ...dto.params });
    const guests = await this.resolve(dto);
    const [permissions, facts] = await Promise.all([
      this.permissions.effective(),
      this.facts.read(dto.action, params, guests),
    ]);
    const now = this.clock.now();
    const plan = Object.assign(new Plan(), {
      id: randomUUID(),
      action: dto.action,
      selector: dto.selector === undefined ? null : parseRequestSelector(dto.selector).text,
      params,
      state: 'planned',
      createdBy: caller.actor,
      createdAt: now,
      expiresAt: now + PLAN_TTL_MS,
      executedBy: null,
      startedAt: null,
      endedAt: null,
      concurrency: null,
      activityId: null,
      scheduleId: scheduleId ?? null,
      targets: guests.map((g) =>
        planTarget(dto.action, params, g, permissions, caller.role, facts.get(g.vmid)),
      ),
    } satisfies Plan);
    await this.repo.save(plan);
    return toPlanDto(plan);
  }

  async get(id: string): Promise<PlanDto> {
    return toPlanDto(this.runner.live(id) ?? (await this.find(id)));
  }

  /** The plans a schedule made, newest first (live copies for those running). */
  async ofSchedule(scheduleId: string, limit: number): Promise<PlanDto[]> {
    const plans = await this.repo.bySchedule(scheduleId, limit);
    return plans.map((p) => toPlanDto(this.runner.live(p.id) ?? p));
  }

  async execute(id: string, dto: ExecutePlanDto, caller: PlanCaller): Promise<PlanDto> {
    const plan = await this.find(id);
    if (plan.state !== 'planned') throw conflict(`This plan is ${plan.state}; it runs only once`);
    const now = this.clock.now();
    if (now > plan.expiresAt) {
      throw conflict(
        `This plan expired at ${new Date(plan.expiresAt).toISOString()} (plans are kept for ` +
          `${PLAN_TTL_MS / 60_000} minutes); make it again to review the current state`,
      );
    }
    const need = PLAN_ACTION_SPECS[plan.action].role;
    if (!roleAllows(caller.role, need)) {
      throw new ForbiddenException(`Your console role ${caller.role} may not ${plan.action}`);
    }
    const acting = plan.targets.filter((t) => t.status === 'pending');
    plan.activityId = await this.activity.recordPlan(
      plan.action,
      plan.id,
      acting.map((t) => `ct/${t.vmid}`),
      caller.actor,
    );
    Object.assign(plan, {
      state: 'running',
      executedBy: caller.actor,
      startedAt: now,
      concurrency: dto.concurrency ?? PLAN_DEFAULT_CONCURRENCY,
    });
    await this.repo.save(plan);
    this.runner.start(plan, caller.role);
    return toPlanDto(plan);
  }

  /** A planned plan is cancelled at once; a running one stops starting new targets. */
  async cancel(id: string): Promise<PlanDto> {
    if (await this.runner.cancel(id)) return this.get(id);
    const plan = await this.find(id);
    if (plan.state !== 'planned') throw conflict(`This plan is already ${plan.state}`);
    plan.state = 'cancelled';
    plan.endedAt = this.clock.now();
    for (const t of plan.targets.filter((x) => x.status === 'pending')) {
      Object.assign(t, { status: 'skipped', error: 'the plan was cancelled' });
    }
    await this.repo.save(plan);
    const dto = toPlanDto(plan);
    this.events.publish('plan', dto);
    return dto;
  }

  private async find(id: string): Promise<Plan> {
    const plan = await this.repo.findById(id);
    if (!plan) throw notFound(`Plan ${id} does not exist`);
    return plan;
  }

  /** The containers a plan names, by selector (as the container list) or by id. */
  private async resolve(dto: CreatePlanDto): Promise<PveGuest[]> {
    if ((dto.selector === undefined) === (dto.vmids === undefined)) {
      throw badRequest('Name the containers with either selector or vmids (one of them)');
    }
    const snapshot = await this.cluster.snapshot();
    const byId = new Map(snapshot.resources.guests.map((g) => [g.vmid, g]));
    let vmids: number[];
    if (dto.selector !== undefined) {
      const selector = parseRequestSelector(dto.selector);
      if (!selector.terms.length) {
        throw badRequest(
          'An empty selector would select every container; write at least one term',
          'selector',
        );
      }
      vmids = toContainerList(snapshot, {}, selector).items.map((c) => c.vmid);
    } else {
      vmids = [...new Set(dto.vmids)].sort((a, b) => a - b);
      const unknown = vmids.filter((v) => byId.get(v)?.type !== 'lxc');
      if (unknown.length) {
        throw badRequest(`No such container: ${unknown.join(', ')}`, 'vmids');
      }
    }
    if (vmids.length > PLAN_MAX_TARGETS) {
      throw badRequest(
        `The selector matches ${vmids.length} containers; a plan has at most ${PLAN_MAX_TARGETS}`,
        'selector',
      );
    }
    return vmids.map((v) => byId.get(v)!);
  }
}

const RESTARTED = 'the console restarted during the run; see the task log for what happened';

function planTarget(
  action: PlanAction,
  params: PlanParams,
  guest: PveGuest,
  permissions: PermissionMap,
  role: Role,
  facts: TargetFacts | undefined,
): PlanTarget {
  const verdict = judgeTarget({
    action,
    params,
    guest: subjectOf(guest),
    permissions,
    role,
    facts,
  });
  const left = verdict.reason ?? verdict.warnings.find((w) => w.code === 'skipped')?.message;
  return {
    vmid: guest.vmid,
    name: guest.name,
    node: guest.node,
    allowed: verdict.allowed,
    reason: verdict.reason,
    warnings: verdict.warnings,
    skip: verdict.skip,
    status: verdict.allowed && !verdict.skip ? 'pending' : 'skipped',
    error: verdict.allowed && !verdict.skip ? undefined : left,
  };
}
