import type { PveGuest } from '../proxmox/proxmox.types.js';
import type { PlanDto, PlanTargetDto } from './dto/plan.dto.js';
import type { Plan, PlanTarget } from './entities/plan.entity.js';
import type { PlanSubject } from './plan-actions.js';

const iso = (ms: number | null | undefined): string | undefined =>
  ms === null || ms === undefined ? undefined : new Date(ms).toISOString();

export function subjectOf(g: PveGuest): PlanSubject {
  return {
    vmid: g.vmid,
    name: g.name,
    node: g.node,
    status: g.status,
    template: g.template,
    lock: g.lock,
    hastate: g.hastate,
    tags: g.tags,
  };
}

function toTargetDto(t: PlanTarget): PlanTargetDto {
  return {
    vmid: t.vmid,
    name: t.name,
    node: t.node,
    allowed: t.allowed,
    reason: t.reason,
    warnings: t.warnings,
    status: t.status,
    upid: t.upid,
    error: t.error,
    startedAt: iso(t.startedAt),
    endedAt: iso(t.endedAt),
  };
}

export function toPlanDto(p: Plan): PlanDto {
  return {
    id: p.id,
    action: p.action,
    selector: p.selector ?? undefined,
    params: p.params,
    state: p.state,
    targets: p.targets.map(toTargetDto),
    createdBy: p.createdBy,
    createdAt: new Date(p.createdAt).toISOString(),
    expiresAt: new Date(p.expiresAt).toISOString(),
    executedBy: p.executedBy ?? undefined,
    startedAt: iso(p.startedAt),
    endedAt: iso(p.endedAt),
    concurrency: p.concurrency ?? undefined,
  };
}

/** "2 ok, 1 failed, 3 skipped": how a run ended, for the activity feed. */
export function summarize(targets: readonly { status: string }[]): string {
  const counts = new Map<string, number>();
  for (const t of targets) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  const parts = ['ok', 'failed', 'skipped', 'pending', 'running']
    .filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s}`);
  return parts.join(', ') || 'nothing to do';
}
