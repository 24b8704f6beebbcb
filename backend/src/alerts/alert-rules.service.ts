import { Injectable } from '@nestjs/common';
import { badRequest, conflict, notFound } from '../common/domain-errors.js';
import { AlertsRepository } from './alerts.repository.js';
import type { AlertRuleDto, CreateAlertRuleDto, UpdateAlertRuleDto } from './dto/rule.dto.js';
import type { AlertRule, RuleKind } from './entities/alert-rule.entity.js';

const PERCENT_KINDS: readonly RuleKind[] = ['cpu', 'memory', 'rootfs'];

export function toRuleDto(r: AlertRule): AlertRuleDto {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    builtin: r.builtin,
    enabled: r.enabled,
    severity: r.severity,
    scopeKind: r.scopeKind,
    scopeValue: r.scopeValue ?? undefined,
    threshold: r.threshold ?? undefined,
    forS: r.forS,
    channelIds: JSON.parse(r.channelIds) as number[],
  };
}

/** Alert rules: the built-in ones (edit, disable) and the user's own. */
@Injectable()
export class AlertRulesService {
  constructor(private readonly repo: AlertsRepository) {}

  async list(): Promise<AlertRuleDto[]> {
    return (await this.repo.listRules()).map(toRuleDto);
  }

  async create(dto: CreateAlertRuleDto): Promise<AlertRuleDto> {
    const rule: Partial<AlertRule> = {
      name: dto.name,
      kind: dto.kind,
      builtin: false,
      enabled: dto.enabled ?? true,
      severity: dto.severity ?? 'warning',
      scopeKind: dto.scopeKind ?? 'all',
      scopeValue: dto.scopeValue ?? null,
      threshold: dto.threshold ?? null,
      forS: dto.forS ?? 0,
      channelIds: JSON.stringify(dto.channelIds ?? []),
      createdAt: Date.now(),
    };
    await this.validate(rule);
    return toRuleDto(await this.repo.saveRule(rule));
  }

  async update(id: number, dto: UpdateAlertRuleDto): Promise<AlertRuleDto> {
    const rule = await this.find(id);
    if (dto.kind !== undefined && dto.kind !== rule.kind && rule.builtin) {
      throw badRequest(`The built-in rule '${rule.name}' keeps its kind`, 'kind');
    }
    const next: AlertRule = { ...rule };
    for (const key of ['name', 'kind', 'enabled', 'severity', 'scopeKind', 'forS'] as const) {
      if (dto[key] === null) throw badRequest(`${key} cannot be null`, key);
      if (dto[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = dto[key];
    }
    if (dto.scopeValue !== undefined) next.scopeValue = dto.scopeValue;
    if (dto.scopeKind === 'all') next.scopeValue = null;
    if (dto.threshold !== undefined) next.threshold = dto.threshold;
    if (dto.channelIds !== undefined && dto.channelIds !== null)
      next.channelIds = JSON.stringify(dto.channelIds);
    await this.validate(next);
    return toRuleDto(await this.repo.saveRule(next));
  }

  async remove(id: number): Promise<void> {
    const rule = await this.find(id);
    if (rule.builtin) {
      throw conflict(`'${rule.name}' is built in: disable it (PATCH enabled=false) instead`);
    }
    await this.repo.deleteRule(id);
  }

  async find(id: number): Promise<AlertRule> {
    const rule = await this.repo.findRule(id);
    if (!rule) throw notFound(`No alert rule ${id}`);
    return rule;
  }

  /** A 400 naming the field, before anything is stored (or previewed). */
  async validate(r: Partial<AlertRule>): Promise<void> {
    const kind = r.kind as RuleKind;
    if (PERCENT_KINDS.includes(kind)) {
      if (r.threshold === null || r.threshold === undefined) {
        throw badRequest(`threshold (percent) is required for a ${kind} rule`, 'threshold');
      }
      if (r.threshold > 100) throw badRequest('threshold is a percent: 0 to 100', 'threshold');
    }
    if (
      kind === 'backup-age' &&
      !(r.threshold !== null && r.threshold !== undefined && r.threshold > 0)
    ) {
      throw badRequest(
        'threshold (days, more than 0) is required for a backup-age rule',
        'threshold',
      );
    }
    if (kind === 'proxmox-unreachable' && r.threshold !== null && r.threshold !== undefined) {
      if (!Number.isInteger(r.threshold) || r.threshold < 1) {
        throw badRequest(
          'threshold is the number of failed cycles: a whole number >= 1',
          'threshold',
        );
      }
    }
    if (r.scopeKind !== 'all' && !r.scopeValue) {
      throw badRequest(
        `scopeValue (the ${r.scopeKind}) is required for scopeKind ${r.scopeKind}`,
        'scopeValue',
      );
    }
    if (r.scopeKind === 'vmids' && !/^\s*\d+\s*(,\s*\d+\s*)*$/.test(r.scopeValue ?? '')) {
      throw badRequest('scopeValue must be vmids separated by commas, like 101,102', 'scopeValue');
    }
    const wanted = JSON.parse(r.channelIds ?? '[]') as number[];
    const known = new Set((await this.repo.listChannels()).map((c) => c.id));
    const unknown = wanted.filter((id) => !known.has(id));
    if (unknown.length) throw badRequest(`No alert channel ${unknown.join(', ')}`, 'channelIds');
  }
}
