import { Injectable, Logger } from '@nestjs/common';
import { AnalyticsRepository } from '../analytics/analytics.repository.js';
import type { RunValue, ThresholdRun } from '../analytics/threshold-runs.js';
import { ClusterStateService } from '../cache/cluster-state.service.js';
import type { PveGuest } from '../proxmox/proxmox.types.js';
import { AlertRulesService } from './alert-rules.service.js';
import type {
  RulePreviewDto,
  RulePreviewFiringDto,
  RulePreviewRequestDto,
} from './dto/preview.dto.js';
import type { RuleKind } from './entities/alert-rule.entity.js';
import { expectedState, guestInScope, type RuleSpec } from './rule-spec.js';

/** The preview looks this far back: raw samples are kept 48 h, the issue asks for 24 h. */
export const PREVIEW_WINDOW_S = 24 * 3_600;
/** Firings listed in one answer (the total counts them all, up to PREVIEW_MAX_RUNS). */
export const PREVIEW_LIST = 200;
const PREVIEW_MAX_RUNS = 10_000;
/** A cluster view this recent is used as it is for names, tags and nodes. */
const VIEW_MAX_AGE_MS = 60_000;

const NOT_FROM_SAMPLES: Partial<Record<RuleKind, string>> = {
  'container-down':
    'container-down depends on what explained each stop (console actions, plans, Proxmox tasks), which samples do not keep: see the alert history instead',
  'proxmox-unreachable':
    'proxmox-unreachable counts failed collection cycles, which leave no samples: see the alert history instead',
  'backup-age':
    'backup-age is judged from the backup list (the newest backup of each CT), not from samples: see Backups for their age now',
  'certificate-changed':
    'certificate-changed is judged from the TLS check of each cycle, not from samples: see the alert history instead',
};

interface Lookup {
  kind: 'ct' | 'node';
  value: RunValue;
  limit: number;
  ids?: (number | string)[];
}

const fmtPct = (v: number): string => `${Math.round(v * 10) / 10}%`;
const fmtDuration = (s: number): string =>
  s < 120
    ? `${Math.round(s)} s`
    : s < 7_200
      ? `${Math.round(s / 60)} min`
      : `${Math.round(s / 360) / 10} h`;

/**
 * What a rule would have fired on in the last 24 h, replayed on the stored raw samples with the
 * engine's own judgement (value above the threshold, held `for` seconds). Names, tags and nodes
 * come from the current cluster view: samples keep neither.
 */
@Injectable()
export class RulePreviewService {
  private readonly logger = new Logger(RulePreviewService.name);

  constructor(
    private readonly samples: AnalyticsRepository,
    private readonly clusterState: ClusterStateService,
    private readonly rules: AlertRulesService,
  ) {}

  async preview(dto: RulePreviewRequestDto, now = Date.now()): Promise<RulePreviewDto> {
    const rule: RuleSpec = {
      id: 0,
      name: 'preview',
      kind: dto.kind,
      severity: 'warning',
      scopeKind: dto.scopeKind ?? 'all',
      scopeValue: dto.scopeValue ?? null,
      threshold: dto.threshold ?? null,
      forS: dto.forS ?? 0,
    };
    await this.rules.validate({ ...rule, channelIds: '[]' });
    const to = Math.floor(now / 1000);
    const from = to - PREVIEW_WINDOW_S;
    const answer = (supported: boolean, firings: RulePreviewFiringDto[], note?: string) => ({
      from: new Date(from * 1000).toISOString(),
      to: new Date(to * 1000).toISOString(),
      supported,
      note,
      total: firings.length,
      firings: firings.slice(0, PREVIEW_LIST),
    });
    const unsupported = NOT_FROM_SAMPLES[rule.kind];
    if (unsupported) return answer(false, [], unsupported);
    const guests = await this.guests();
    if (
      !guests &&
      (rule.scopeKind === 'tag' || rule.scopeKind === 'node') &&
      rule.kind !== 'node-offline'
    ) {
      return answer(
        false,
        [],
        `Proxmox cannot be read now to know which CTs are in ${rule.scopeKind} ${rule.scopeValue}`,
      );
    }
    const byVmid = new Map((guests ?? []).map((g) => [g.vmid, g]));
    const runs: { lookup: Lookup; run: ThresholdRun }[] = [];
    for (const lookup of this.lookups(rule, guests)) {
      if (lookup.ids?.length === 0) continue;
      const found = this.samples.thresholdRuns({
        ...lookup,
        forS: rule.forS,
        from,
        to: to + 1,
        max: PREVIEW_MAX_RUNS,
      });
      runs.push(...found.map((run) => ({ lookup, run })));
    }
    runs.sort((a, b) => a.run.fired - b.run.fired);
    const note = guests ? undefined : 'Proxmox cannot be read now: CT names are missing';
    return answer(
      true,
      runs.map(({ lookup, run }) => this.firing(rule, lookup, run, to, byVmid)),
      note,
    );
  }

  private async guests(): Promise<PveGuest[] | undefined> {
    try {
      const snap = await this.clusterState.snapshot(VIEW_MAX_AGE_MS);
      return snap.resources.guests.filter((g) => g.type === 'lxc' && !g.template);
    } catch (error) {
      this.logger.warn(`preview without the cluster view: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** Which samples to look at and what counts as the condition holding. */
  private lookups(rule: RuleSpec, guests: PveGuest[] | undefined): Lookup[] {
    const limit = rule.threshold ?? 90;
    const scoped = (): number[] | undefined => {
      if (rule.scopeKind === 'all') return undefined;
      if (rule.scopeKind === 'vmids') {
        return (rule.scopeValue ?? '').split(',').map((v) => Number(v.trim()));
      }
      return (guests ?? []).filter((g) => guestInScope(rule, g)).map((g) => g.vmid);
    };
    switch (rule.kind) {
      case 'cpu':
      case 'memory':
      case 'rootfs':
        return [{ kind: 'ct', value: rule.kind, limit, ids: scoped() }];
      case 'node-offline':
        return [
          {
            kind: 'node',
            value: 'down',
            limit: 50,
            ids: rule.scopeKind === 'node' ? [rule.scopeValue ?? ''] : undefined,
          },
        ];
      default: {
        // expect-state: the tag is read from the CTs now; samples know running or not
        const inScope = (guests ?? []).filter((g) => guestInScope(rule, g));
        const want = (state: string) =>
          inScope.filter((g) => expectedState(g.tags) === state).map((g) => g.vmid);
        return [
          { kind: 'ct', value: 'down', limit: 50, ids: want('running') },
          { kind: 'ct', value: 'up', limit: 50, ids: want('stopped') },
        ];
      }
    }
  }

  private firing(
    rule: RuleSpec,
    lookup: Lookup,
    run: ThresholdRun,
    to: number,
    byVmid: Map<number, PveGuest>,
  ): RulePreviewFiringDto {
    const held = fmtDuration(run.until - run.start);
    const ongoing = run.until >= to;
    const endsAt = ongoing ? undefined : new Date(run.until * 1000).toISOString();
    const startsAt = new Date(run.fired * 1000).toISOString();
    if (lookup.kind === 'node') {
      const node = String(run.id);
      const message = `Node ${node} was offline for ${held}${ongoing ? ' (still)' : ''}`;
      return { subject: { type: 'node', node }, startsAt, endsAt, peak: run.peak, message };
    }
    const vmid = Number(run.id);
    const g = byVmid.get(vmid);
    const who = g ? `CT ${vmid} (${g.name})` : `CT ${vmid}`;
    const subject = { type: 'ct' as const, vmid, node: g?.node, name: g?.name };
    const what =
      rule.kind === 'expect-state'
        ? `was ${lookup.value === 'down' ? 'stopped' : 'running'} against its tag`
        : `${rule.kind} above ${fmtPct(lookup.limit)}`;
    const peak = rule.kind === 'expect-state' ? '' : `, peak ${fmtPct(run.peak)}`;
    const message = `${who} ${what} for ${held}${ongoing ? ' (still)' : ''}${peak}`;
    return { subject, startsAt, endsAt, peak: run.peak, message };
  }
}
