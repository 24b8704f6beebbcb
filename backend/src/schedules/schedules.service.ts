import { randomUUID } from 'node:crypto';
import { ForbiddenException, Injectable, Logger } from '@nestjs/common';
import { ClusterStateService } from '../cache/cluster-state.service.js';
import { badRequest, conflict, notFound } from '../common/domain-errors.js';
import type { PlanDto } from '../plans/dto/plan.dto.js';
import { PLAN_ACTION_SPECS, type PlanAction } from '../plans/plan-actions.js';
import type { PlanState } from '../plans/entities/plan.entity.js';
import { summarize } from '../plans/plan-mapper.js';
import { checkParams } from '../plans/plan-params.js';
import { PlansClock } from '../plans/plans-clock.js';
import { type PlanCaller, PlansService } from '../plans/plans.service.js';
import { parseRequestSelector } from '../selectors/selector-request.js';
import { roleAllows } from '../users/roles.js';
import type {
  CreateScheduleDto,
  ScheduleDto,
  ScheduleListDto,
  UpdateScheduleDto,
} from './dto/schedule.dto.js';
import { Schedule } from './entities/schedule.entity.js';
import { checkSchedule, hostTimeZone, nextOccurrence, ScheduleTimeError } from './schedule-time.js';
import { ScheduleOwners } from './schedule-owners.js';
import { SchedulesRepository } from './schedules.repository.js';
import { type TagScheduleSpec, tagSchedules } from './tag-schedules.js';

/**
 * An occurrence found later than this after it was due is recorded as missed, not run: a "stop at
 * 20:00" must not fire at 09:00 the next morning because the console was down overnight.
 */
export const SCHEDULE_MISSED_AFTER_MS = 15 * 60_000;
/** How many runs GET /api/schedules/{id}/runs lists. */
export const SCHEDULE_RUNS_LISTED = 50;

/**
 * Schedules: a plan made again (selector resolved anew) and executed at every occurrence of a cron
 * expression in a time zone; each run is a plan linked to its schedule. Tag schedules are kept in
 * step with the `pxc.schedule.HHMM-HHMM` tags found on containers.
 */
@Injectable()
export class SchedulesService {
  private readonly logger = new Logger(SchedulesService.name);
  private ticking?: Promise<void>;

  constructor(
    private readonly repo: SchedulesRepository,
    private readonly plans: PlansService,
    private readonly cluster: ClusterStateService,
    private readonly clock: PlansClock,
    private readonly owners: ScheduleOwners,
  ) {}

  async list(): Promise<ScheduleListDto> {
    const items = await Promise.all((await this.repo.all()).map((s) => this.toDto(s)));
    return { items, tagTimeZone: hostTimeZone() };
  }

  async create(dto: CreateScheduleDto, caller: PlanCaller): Promise<ScheduleDto> {
    mayRun(dto.action, caller);
    const timeZone = dto.timeZone ?? hostTimeZone();
    const schedule = Object.assign(new Schedule(), {
      id: randomUUID(),
      name: dto.name,
      source: 'api',
      action: dto.action,
      selector: checkSelector(dto.selector),
      params: checkParams(dto.action, { ...dto.params }),
      cron: checkTime(dto.cron, timeZone),
      timeZone,
      enabled: dto.enabled ?? true,
      role: caller.role,
      createdBy: caller.actor,
      createdAt: this.clock.now(),
      lastOccurrence: null,
      lastPlanId: null,
      lastNote: null,
    } satisfies Schedule);
    await this.repo.save(schedule);
    return this.toDto(schedule);
  }

  async update(id: string, dto: UpdateScheduleDto, caller: PlanCaller): Promise<ScheduleDto> {
    const s = await this.find(id);
    if (s.source === 'tag') {
      throw conflict('A tag schedule follows its tag: change or remove the tag in Proxmox');
    }
    mayRun(s.action, caller);
    const wasEnabled = s.enabled;
    const timeZone = dto.timeZone ?? s.timeZone;
    const cron = checkTime(dto.cron ?? s.cron, timeZone);
    if (cron !== s.cron || timeZone !== s.timeZone) {
      // the new timing counts from now: no occurrence of the old one is caught up
      s.lastOccurrence = this.clock.now();
    }
    Object.assign(s, {
      name: dto.name ?? s.name,
      selector: dto.selector === undefined ? s.selector : checkSelector(dto.selector),
      params: dto.params === undefined ? s.params : checkParams(s.action, { ...dto.params }),
      cron,
      timeZone,
      enabled: dto.enabled ?? s.enabled,
      role: caller.role,
    });
    // occurrences while it was off are not caught up when it is turned on again
    if (s.enabled && !wasEnabled) s.lastOccurrence = this.clock.now();
    await this.repo.save(s);
    return this.toDto(s);
  }

  async remove(id: string): Promise<void> {
    const s = await this.find(id);
    if (s.source === 'tag') {
      throw conflict('A tag schedule follows its tag: remove the tag in Proxmox');
    }
    await this.repo.remove(id);
  }

  async runs(id: string): Promise<PlanDto[]> {
    await this.find(id);
    return this.plans.ofSchedule(id, SCHEDULE_RUNS_LISTED);
  }

  /**
   * Runs every due schedule once; called by the scheduler. Ticks never overlap: one asked for
   * while another runs waits for it, then looks again.
   */
  async tick(): Promise<void> {
    while (this.ticking) await this.ticking;
    this.ticking = this.runDue().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async runDue(): Promise<void> {
    try {
      await this.syncTagSchedules();
      for (const s of await this.repo.all()) {
        if (s.enabled) await this.runIfDue(s);
      }
    } catch (error) {
      this.logger.error(`schedules: ${(error as Error).message}`);
    }
  }

  private async runIfDue(s: Schedule): Promise<void> {
    const now = this.clock.now();
    const due = latestDue(s, now);
    if (due === undefined) return;
    s.lastOccurrence = due;
    s.lastPlanId = null;
    s.lastNote = null;
    if (now - due > SCHEDULE_MISSED_AFTER_MS) {
      s.lastNote = `missed: the console was not running at ${new Date(due).toISOString()}`;
    } else {
      await this.run(s);
    }
    await this.repo.save(s);
  }

  private async run(s: Schedule): Promise<void> {
    const runAs = await this.owners.runAs(s, this.clock.now());
    if ('refused' in runAs) {
      s.lastNote = `not run: ${runAs.refused}`;
      this.logger.warn(`schedule ${s.name}: ${s.lastNote}`);
      return;
    }
    const caller: PlanCaller = { actor: `schedule:${s.name}`, role: runAs.role };
    try {
      const body = { action: s.action, selector: s.selector, params: s.params };
      const plan = await this.plans.create(body, caller, s.id);
      s.lastPlanId = plan.id;
      s.lastNote = nothingToDo(plan, s.selector);
      await this.plans.execute(plan.id, {}, caller);
    } catch (error) {
      s.lastNote = `failed: ${(error as Error).message}`;
      this.logger.warn(`schedule ${s.name}: ${s.lastNote}`);
    }
  }

  /** One start and one stop schedule per schedule tag in use; none for a tag gone from every CT. */
  private async syncTagSchedules(): Promise<void> {
    // while Proxmox cannot be reached the tags are unknown: the tag schedules stay as they were
    const snapshot = await this.cluster.snapshot().catch(() => undefined);
    if (!snapshot) return;
    const tags = new Set(
      snapshot.resources.guests.filter((g) => g.type === 'lxc').flatMap((g) => g.tags),
    );
    const wanted = new Map(
      [...tags]
        .flatMap(tagSchedules)
        .map((t): [string, TagScheduleSpec] => [`${t.action} tag:${t.tag}`, t]),
    );
    const existing = (await this.repo.all()).filter((s) => s.source === 'tag');
    for (const s of existing) {
      const key = `${s.action} ${s.selector}`;
      if (wanted.has(key)) wanted.delete(key);
      else if (!snapshot.stale) await this.repo.remove(s.id);
    }
    const now = this.clock.now();
    for (const t of wanted.values()) {
      await this.repo.save(
        Object.assign(new Schedule(), {
          id: randomUUID(),
          name: t.name,
          source: 'tag',
          action: t.action,
          selector: `tag:${t.tag}`,
          params: {},
          cron: t.cron,
          timeZone: hostTimeZone(),
          enabled: true,
          role: 'operator',
          createdBy: 'tag',
          createdAt: now,
          lastOccurrence: now,
          lastPlanId: null,
          lastNote: null,
        } satisfies Schedule),
      );
    }
  }

  private async find(id: string): Promise<Schedule> {
    const s = await this.repo.findById(id);
    if (!s) throw notFound(`Schedule ${id} does not exist`);
    return s;
  }

  private async toDto(s: Schedule): Promise<ScheduleDto> {
    const next = s.enabled
      ? nextOccurrence(s.cron, s.timeZone, Math.max(s.lastOccurrence ?? 0, this.clock.now()))
      : undefined;
    return {
      id: s.id,
      name: s.name,
      source: s.source,
      action: s.action as ScheduleDto['action'],
      selector: s.selector,
      params: s.params,
      cron: s.cron,
      timeZone: s.timeZone,
      enabled: s.enabled,
      role: s.role,
      createdBy: s.createdBy,
      createdAt: new Date(s.createdAt).toISOString(),
      nextRunAt: next === undefined ? undefined : new Date(next).toISOString(),
      lastRun: await this.lastRun(s),
    };
  }

  private async lastRun(s: Schedule): Promise<ScheduleDto['lastRun']> {
    if (s.lastOccurrence === null || (s.lastPlanId === null && s.lastNote === null)) {
      return undefined;
    }
    const at = new Date(s.lastOccurrence).toISOString();
    const plan = s.lastPlanId
      ? await this.plans.get(s.lastPlanId).catch(() => undefined)
      : undefined;
    if (!plan) return { at, summary: s.lastNote ?? 'its plan is no longer kept' };
    return {
      at,
      planId: plan.id,
      state: plan.state as PlanState,
      summary: s.lastNote ?? summarize(plan.targets),
    };
  }
}

/** The latest occurrence due by `now` and not handled yet, or undefined. */
function latestDue(s: Schedule, now: number): number | undefined {
  let due = nextOccurrence(s.cron, s.timeZone, s.lastOccurrence ?? s.createdAt);
  if (due > now) return undefined;
  // after a long pause only the latest occurrence counts (the others are not run twice)
  for (let i = 0; i < 100_000; i++) {
    const following = nextOccurrence(s.cron, s.timeZone, due);
    if (following > now) break;
    due = following;
  }
  return due;
}

function nothingToDo(plan: PlanDto, selector: string): string | null {
  if (!plan.targets.length) return `nothing to do: no container matches ${selector}`;
  if (plan.targets.some((t) => t.status === 'pending')) return null;
  const why = plan.targets.map((t) => {
    const warned = t.warnings.map((w) => w.message).join(', ');
    return `${t.name} (${t.vmid}): ${t.reason ?? (warned || 'skipped')}`;
  });
  return `nothing to do: ${why.join('; ')}`;
}

function mayRun(action: PlanAction, caller: PlanCaller): void {
  const need = PLAN_ACTION_SPECS[action].role;
  if (!roleAllows(caller.role, need)) {
    throw new ForbiddenException(`Your console role ${caller.role} may not schedule ${action}`);
  }
}

function checkSelector(text: string): string {
  const selector = parseRequestSelector(text);
  if (!selector.terms.length) {
    throw badRequest(
      'An empty selector would select every container; write at least one term',
      'selector',
    );
  }
  return selector.text;
}

function checkTime(cron: string, timeZone: string): string {
  try {
    checkSchedule(cron, timeZone);
  } catch (error) {
    if (error instanceof ScheduleTimeError) throw badRequest(error.message, 'cron');
    throw error;
  }
  return cron.trim().split(/\s+/).join(' ');
}
