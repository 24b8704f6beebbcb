import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service.js';
import { BackupsService } from '../backups/backups.service.js';
import { CollectorService, type CycleOutcome } from '../analytics/collector.service.js';
import { ClusterStateService } from '../cache/cluster-state.service.js';
import { notFound } from '../common/domain-errors.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import type { TaskSummary } from '../proxmox/proxmox.types.js';
import { AlertsRepository } from './alerts.repository.js';
import type { Notice } from './channels/notice.js';
import { type ConsoleAction, type DownCandidate, explainDown, needsTasks } from './correlation.js';
import type { AlertDto, AlertListDto } from './dto/alert.dto.js';
import { BUILTIN_KINDS } from './entities/alert-rule.entity.js';
import type { Alert, AlertState } from './entities/alert.entity.js';
import { NotificationDispatcher } from './notification-dispatcher.js';
import { type Condition, RuleEngine } from './rule-engine.js';
import { DEFAULT_UNREACHABLE_CYCLES } from './rule-spec.js';

/** The built-in rules, on from the first start. */
const BUILTINS: Record<string, { severity: 'warning' | 'critical'; threshold: number | null }> = {
  'container-down': { severity: 'critical', threshold: null },
  'node-offline': { severity: 'critical', threshold: null },
  'proxmox-unreachable': { severity: 'critical', threshold: DEFAULT_UNREACHABLE_CYCLES },
  'certificate-changed': { severity: 'warning', threshold: null },
};
/** backup-age rules read the backup list again (one listing per backup storage) this often. */
export const BACKUP_LIST_REFRESH_MS = 3_600_000;
/** Tasks older than this before a CT was last seen running cannot explain it going down. */
const TASK_LOOKBACK_S = 3_600;
/** Unacknowledged firing alerts are sent again after this long. */
export const REPEAT_MS = 4 * 3_600_000;
/** The activity log's actor for what the alert engine noticed. */
export const ALERTS_ACTOR = 'alerts';

export function toAlertDto(a: Alert): AlertDto {
  const iso = (ms: number | null) => (ms === null ? undefined : new Date(ms).toISOString());
  return {
    id: a.id,
    ruleId: a.ruleId,
    rule: a.ruleName,
    kind: a.ruleKind,
    state: a.state,
    severity: a.severity,
    subject: {
      type: a.subjectType,
      vmid: a.vmid ?? undefined,
      node: a.node ?? undefined,
      name: a.name ?? undefined,
    },
    message: a.message,
    explanation: a.explanation ?? undefined,
    startsAt: new Date(a.startsAt).toISOString(),
    endsAt: iso(a.endsAt),
    ackBy: a.ackBy ?? undefined,
    ackAt: iso(a.ackAt),
    ackNote: a.ackNote ?? undefined,
  };
}

function targetOf(a: Pick<Alert, 'subjectType' | 'vmid' | 'node'>): string {
  if (a.subjectType === 'ct') return `ct/${a.vmid}`;
  return a.subjectType === 'node' ? `node/${a.node}` : 'proxmox';
}

/**
 * Judges the rules on every collection cycle from what the collector saw (no request of its own;
 * only a CT going down that the console's records do not explain makes it read that node's task
 * list), keeps alerts' lifecycle, queues notifications and writes the activity timeline.
 */
@Injectable()
export class AlertsService implements OnModuleInit {
  private readonly logger = new Logger(AlertsService.name);
  private readonly engine = new RuleEngine();
  /** epoch ms of the last backup list read asked for by backup-age rules */
  private backupRefresh?: number;

  constructor(
    private readonly repo: AlertsRepository,
    private readonly activity: ActivityService,
    private readonly proxmox: ProxmoxClient,
    private readonly collector: CollectorService,
    private readonly dispatcher: NotificationDispatcher,
    private readonly backups: BackupsService,
    private readonly clusterState: ClusterStateService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.seedBuiltins();
    await this.restore();
    this.collector.onCycle((outcome) => this.judgeCycle(outcome));
  }

  /**
   * The engine resumes from the alerts left open by the last run (see RuleEngine.restore) and from
   * the cluster view it persisted, so a CT that stopped while the console was off is noticed at the
   * first cycle (see RuleEngine.resume); nothing more is asked of Proxmox for it.
   */
  private async restore(): Promise<void> {
    const rules = new Map((await this.repo.listRules()).map((r) => [r.id, r]));
    const open = (await this.repo.openAlerts()).flatMap((a) => {
      const rule = rules.get(a.ruleId);
      return rule ? [{ ...a, forS: rule.forS, threshold: rule.threshold }] : [];
    });
    this.engine.restore(open);
    const persisted = await this.clusterState.persisted();
    if (persisted) {
      this.engine.resume({ at: persisted.fetchedAt, guests: persisted.resources.guests });
    }
  }

  private async seedBuiltins(): Promise<void> {
    const have = new Set((await this.repo.listRules()).filter((r) => r.builtin).map((r) => r.kind));
    for (const kind of BUILTIN_KINDS) {
      if (have.has(kind)) continue;
      await this.repo.saveRule({
        name: kind,
        kind,
        builtin: true,
        enabled: true,
        severity: BUILTINS[kind].severity,
        scopeKind: 'all',
        scopeValue: null,
        threshold: BUILTINS[kind].threshold,
        forS: 0,
        channelIds: '[]',
        createdAt: Date.now(),
      });
    }
  }

  /** One cycle: observe, explain what went down, judge every enabled rule, update alerts. */
  async judgeCycle(outcome: CycleOutcome, now = Date.now()): Promise<void> {
    const down = this.engine.observe(
      outcome.ok
        ? {
            ok: true,
            at: outcome.at,
            guests: outcome.resources.guests,
            nodes: outcome.resources.nodes,
          }
        : outcome,
    );
    if (down.length) await this.explain(down);
    const rules = (await this.repo.listRules()).filter((r) => r.enabled);
    if (rules.some((r) => r.kind === 'backup-age')) await this.knowBackups(now);
    const { judged, holding } = this.engine.conditions(rules, now);
    await this.reconcile(judged, holding, now, new Set(rules.map((r) => r.id)));
    void this.dispatcher.runOnce();
  }

  /**
   * backup-age judges the backup list the Backups pages last read (cached, no request); when that
   * list is older than BACKUP_LIST_REFRESH_MS it is read again in the background, for the next
   * cycle: at most one backup listing per hour, never one per cycle.
   */
  private async knowBackups(now: number): Promise<void> {
    const known = await this.backups.newestKnown();
    this.engine.knowBackups(known);
    if (known && now - known.fetchedAt < BACKUP_LIST_REFRESH_MS) return;
    if (this.backupRefresh && now - this.backupRefresh < BACKUP_LIST_REFRESH_MS) return;
    this.backupRefresh = now;
    void this.backups.refreshList().catch((error: unknown) => {
      this.logger.warn(`backup list unreadable for backup-age rules: ${(error as Error).message}`);
    });
  }

  private async explain(down: DownCandidate[]): Promise<void> {
    const since = Math.min(...down.map((c) => c.runningAt)) - TASK_LOOKBACK_S * 1000;
    const entries = await this.activity.actionsOn(
      down.map((c) => `ct/${c.vmid}`),
      since,
    );
    const actionsOf = (vmid: number): ConsoleAction[] =>
      entries.filter((e) => e.target === `ct/${vmid}`);
    const nodes = new Set(down.filter((c) => needsTasks(c, actionsOf(c.vmid))).map((c) => c.node));
    const tasks = new Map<string, TaskSummary[] | undefined>();
    for (const node of nodes) tasks.set(node, await this.readTasks(node, since));
    for (const c of down) {
      this.engine.explain(c.vmid, explainDown(c, actionsOf(c.vmid), tasks.get(c.node)));
    }
  }

  private async readTasks(node: string, since: number): Promise<TaskSummary[] | undefined> {
    try {
      return await this.proxmox.listNodeTasks(node, {
        source: 'all',
        since: Math.floor(since / 1000),
        limit: 1000,
      });
    } catch (error) {
      this.logger.warn(
        `tasks of ${node} unreadable, CTs down there alert: ${(error as Error).message}`,
      );
      return undefined;
    }
  }

  private async reconcile(
    judged: Set<number>,
    holding: Condition[],
    now: number,
    enabled: Set<number>,
  ) {
    const open = new Map((await this.repo.openAlerts()).map((a) => [a.key, a]));
    for (const c of holding) {
      const alert = open.get(c.key);
      if (alert) {
        open.delete(c.key);
        await this.repeat(alert, now);
      } else {
        await this.open(c, now);
      }
    }
    for (const alert of open.values()) {
      // a condition no longer holding, or a rule disabled or deleted, ends its alerts
      if (judged.has(alert.ruleId) || !enabled.has(alert.ruleId)) await this.close(alert, now);
    }
  }

  private async open(c: Condition, now: number): Promise<void> {
    const state: AlertState = c.explanation ? 'suppressed' : 'firing';
    const alert = await this.repo.saveAlert({
      ruleId: c.rule.id,
      ruleKind: c.rule.kind,
      ruleName: c.rule.name,
      key: c.key,
      state,
      severity: c.severity,
      subjectType: c.subject.type,
      vmid: c.subject.vmid ?? null,
      node: c.subject.node ?? null,
      name: c.subject.name ?? null,
      message: c.message,
      explanation: c.explanation ?? null,
      startsAt: now,
      endsAt: null,
      notifiedAt: state === 'firing' ? now : null,
      ackBy: null,
      ackAt: null,
      ackNote: null,
    });
    const told = c.explanation ? `${c.message}: ${c.explanation}` : c.message;
    await this.timeline(alert, `alert.${state}`, ALERTS_ACTOR, told);
    if (state === 'firing') await this.queue(alert, 'alert.firing', now);
  }

  private async close(alert: Alert, now: number): Promise<void> {
    const state: AlertState = alert.state === 'firing' ? 'resolved' : alert.state;
    await this.repo.updateAlert(alert.id, { state, endsAt: now });
    if (alert.state !== 'firing') return;
    const ended = { ...alert, state, endsAt: now };
    await this.timeline(ended, 'alert.resolved', ALERTS_ACTOR, `resolved: ${alert.message}`);
    await this.queue(ended, 'alert.resolved', now);
  }

  /** An unacknowledged firing alert is sent again every REPEAT_MS. */
  private async repeat(alert: Alert, now: number): Promise<void> {
    if (alert.state !== 'firing' || alert.ackAt !== null) return;
    if (alert.notifiedAt !== null && now - alert.notifiedAt < REPEAT_MS) return;
    await this.repo.updateAlert(alert.id, { notifiedAt: now });
    await this.queue(alert, 'alert.firing', now);
  }

  private async queue(alert: Alert, event: 'alert.firing' | 'alert.resolved', now: number) {
    const rule = await this.repo.findRule(alert.ruleId);
    const wanted = rule ? (JSON.parse(rule.channelIds) as number[]) : [];
    const channels = (await this.repo.listChannels()).filter(
      (ch) => wanted.length === 0 || wanted.includes(ch.id),
    );
    const notice = JSON.stringify(noticeOf(alert, event));
    await this.repo.enqueue(
      channels.map((ch) => ({
        channelId: ch.id,
        alertId: alert.id,
        event,
        notice,
        state: 'pending' as const,
        attempts: 0,
        dueAt: now,
        lastError: null,
        createdAt: now,
        sentAt: null,
      })),
    );
  }

  private async timeline(alert: Alert, action: string, actor: string, message: string) {
    const target = targetOf(alert);
    await this.activity.recordDone(
      action,
      target,
      alert.node ?? '',
      `${alert.ruleName}: ${message}`,
      actor,
    );
  }

  async list(state: AlertState | undefined, limit = 200): Promise<AlertListDto> {
    const [rows, total] = await this.repo.listAlerts(state, limit);
    return { items: rows.map(toAlertDto), total, firing: await this.repo.countFiring() };
  }

  /** Acknowledged: no repeats; the resolved notice still goes out. */
  async ack(id: number, actor: string, note: string | undefined): Promise<AlertDto> {
    const alert = await this.repo.findAlert(id);
    if (!alert) throw notFound(`No alert ${id}`);
    const change = { ackBy: actor, ackAt: Date.now(), ackNote: note ?? null };
    await this.repo.updateAlert(id, change);
    const acked = { ...alert, ...change };
    await this.timeline(acked, 'alert.ack', actor, note ? `acknowledged: ${note}` : 'acknowledged');
    return toAlertDto(acked);
  }
}

function noticeOf(a: Alert, event: 'alert.firing' | 'alert.resolved'): Notice {
  const dto = toAlertDto(a);
  const notice: Notice = {
    event,
    rule: a.ruleName,
    severity: a.severity,
    subject: dto.subject,
    message: a.message,
    startsAt: dto.startsAt,
  };
  if (dto.endsAt) notice.endsAt = dto.endsAt;
  return notice;
}
