import { ProxmoxError } from '../proxmox/proxmox.errors.js';
import type { PveGuest, PveNode } from '../proxmox/proxmox.types.js';
import type { DownCandidate } from './correlation.js';
import type { Severity } from './entities/alert-rule.entity.js';
import type { SubjectType } from './entities/alert.entity.js';
import {
  DEFAULT_UNREACHABLE_CYCLES,
  expectedState,
  guestInScope,
  nodeInScope,
  type RuleSpec,
  usagePercent,
} from './rule-spec.js';

/** What one collection cycle gave: the cluster view, or the error that prevented it. */
export type CycleInput =
  | { ok: true; at: number; guests: PveGuest[]; nodes: PveNode[] }
  | { ok: false; at: number; error: unknown };

/** An alert still open in the database when the console starts, and its rule's settings. */
export interface OpenAlert {
  key: string;
  ruleKind: string;
  vmid: number | null;
  node: string | null;
  name: string | null;
  /** epoch ms */
  startsAt: number;
  explanation: string | null;
  forS: number;
  threshold: number | null;
}

/** A rule's condition holding for one subject now. */
export interface Condition {
  rule: RuleSpec;
  key: string;
  severity: Severity;
  subject: { type: SubjectType; vmid?: number; node?: string; name?: string };
  message: string;
  /** set when something on purpose explains it: recorded, not notified */
  explanation?: string;
}

interface Down {
  candidate: DownCandidate;
  name: string;
  since: number;
  gone: boolean;
  /** undefined until explained; null when nothing explains it */
  explanation?: string | null;
  /** last seen running by the console's previous run: it went down while the console was off */
  whileAway?: boolean;
}

const pct = (v: number): string => `${Math.round(v * 10) / 10}%`;
const DAY_MS = 86_400_000;

/** Each CT's newest backup (epoch s) from the backup list last read, and when it was read. */
export interface KnownBackups {
  newest: Map<number, number>;
  /** epoch ms */
  fetchedAt: number;
}

/**
 * The rule engine's memory between cycles: which CTs ran, which went down (and why), how long
 * each condition has held, how many cycles failed in a row. It makes no Proxmox requests.
 */
export class RuleEngine {
  private readonly lastGuests = new Map<number, PveGuest>();
  private readonly runningAt = new Map<number, number>();
  private readonly down = new Map<number, Down>();
  private readonly holding = new Map<string, number>();
  /** CTs known only from the view the last run persisted, until the first cycle sees them */
  private readonly resumed = new Set<number>();
  private failedCycles = 0;
  private lastError: unknown;
  private viewed = false;
  private nodes: PveNode[] = [];
  private guests: PveGuest[] = [];
  private backups?: KnownBackups;

  /**
   * Picks up where the last run left off, from the alerts still open in the database: their
   * conditions count as holding since they fired (no second firing after `for` again), a CT down
   * stays down (with its explanation) until it is seen running, and Proxmox unreachable stays so
   * until a cycle answers. Without this a restart would resolve them all and fire some again.
   */
  restore(open: OpenAlert[]): void {
    for (const a of open) {
      this.holding.set(a.key, a.startsAt - a.forS * 1000);
      if (a.ruleKind === 'container-down' && a.vmid !== null && !this.down.has(a.vmid)) {
        const candidate = { vmid: a.vmid, node: a.node ?? '', runningAt: a.startsAt };
        this.down.set(a.vmid, {
          candidate: { ...candidate, locks: [], hastates: [] },
          name: a.name ?? '',
          since: a.startsAt,
          gone: false,
          explanation: a.explanation,
        });
      }
      if (a.ruleKind === 'proxmox-unreachable') {
        const cycles = a.threshold ?? DEFAULT_UNREACHABLE_CYCLES;
        this.failedCycles = Math.max(this.failedCycles, cycles);
        this.lastError ??= new Error('not answered since before the console restarted');
      }
    }
  }

  /**
   * Takes in the cluster view the last run persisted (before this run's first cycle): a CT running
   * in it and stopped or gone at the first cycle went down while the console was not running, and
   * is judged as any CT going down between two cycles (the tasks since then may explain it).
   */
  resume(view: { at: number; guests: PveGuest[] }): void {
    if (this.lastGuests.size) return;
    for (const g of view.guests) {
      if (g.type !== 'lxc' || g.template) continue;
      this.lastGuests.set(g.vmid, g);
      this.resumed.add(g.vmid);
      if (g.status === 'running') this.runningAt.set(g.vmid, view.at);
    }
  }

  /** Takes one cycle in; returns the CTs that went down in it, to be explained. */
  observe(input: CycleInput): DownCandidate[] {
    if (!input.ok) {
      this.failedCycles += 1;
      this.lastError = input.error;
      return [];
    }
    this.failedCycles = 0;
    this.lastError = undefined;
    const online = new Set(input.nodes.filter((n) => n.status === 'online').map((n) => n.node));
    const current = new Map(
      input.guests.filter((g) => g.type === 'lxc' && !g.template).map((g) => [g.vmid, g]),
    );
    const fresh: DownCandidate[] = [];
    for (const [vmid, before] of this.lastGuests) {
      if (before.status !== 'running' || this.down.has(vmid)) continue;
      const now = current.get(vmid);
      // a CT on a node that is away shows 'unknown': node-offline covers it, not container-down
      if (now ? now.status !== 'stopped' : !online.has(before.node)) continue;
      const candidate: DownCandidate = {
        vmid,
        node: before.node,
        runningAt: this.runningAt.get(vmid) ?? input.at,
        locks: [before.lock, now?.lock].filter((l): l is string => !!l),
        hastates: [before.hastate, now?.hastate].filter((s): s is string => !!s),
      };
      const whileAway = this.resumed.has(vmid);
      this.down.set(vmid, { candidate, name: before.name, since: input.at, gone: !now, whileAway });
      fresh.push(candidate);
    }
    this.resumed.clear();
    for (const [vmid, g] of current) {
      if (g.status === 'running') {
        this.runningAt.set(vmid, input.at);
        this.down.delete(vmid);
      }
    }
    for (const vmid of this.lastGuests.keys()) {
      if (!current.has(vmid) && !this.down.has(vmid)) this.runningAt.delete(vmid);
    }
    this.lastGuests.clear();
    for (const [vmid, g] of current) this.lastGuests.set(vmid, g);
    this.nodes = input.nodes;
    this.guests = [...current.values()];
    this.viewed = true;
    return fresh;
  }

  /** The backup list backup-age rules judge (undefined: never read, those rules are skipped). */
  knowBackups(backups: KnownBackups | undefined): void {
    this.backups = backups;
  }

  explain(vmid: number, explanation: string | undefined): void {
    const d = this.down.get(vmid);
    if (d) d.explanation = explanation ?? null;
  }

  /** True when this cycle gave a cluster view (rules about CTs and nodes can be judged). */
  get hasView(): boolean {
    return this.viewed && this.failedCycles === 0;
  }

  /** Which conditions hold now, `for` durations applied; rules not judged this cycle are skipped. */
  conditions(rules: RuleSpec[], now: number): { judged: Set<number>; holding: Condition[] } {
    const judged = new Set<number>();
    const raw: Condition[] = [];
    for (const rule of rules) {
      const found = this.judge(rule, now);
      if (!found) continue;
      judged.add(rule.id);
      raw.push(...found);
    }
    const keys = new Set(raw.map((c) => c.key));
    for (const key of this.holding.keys()) {
      const ruleId = Number(key.split(':')[0]);
      if (judged.has(ruleId) && !keys.has(key)) this.holding.delete(key);
    }
    const holding = raw.filter((c) => {
      const since = this.holding.get(c.key) ?? now;
      this.holding.set(c.key, since);
      return now - since >= c.rule.forS * 1000;
    });
    return { judged, holding };
  }

  private judge(rule: RuleSpec, now: number): Condition[] | undefined {
    switch (rule.kind) {
      case 'proxmox-unreachable':
        return this.unreachable(rule);
      case 'certificate-changed':
        return this.certificate(rule);
      default:
        if (!this.hasView) return undefined;
    }
    switch (rule.kind) {
      case 'container-down':
        return this.containerDown(rule);
      case 'node-offline':
        return this.nodes
          .filter((n) => n.status !== 'online' && nodeInScope(rule, n.node))
          .map((n) => ({
            ...base(rule, { type: 'node', node: n.node }),
            key: `${rule.id}:node/${n.node}`,
            message: `Node ${n.node} is ${n.status} in the cluster view; its CTs' state is unknown`,
          }));
      case 'expect-state':
        return this.expectState(rule);
      case 'backup-age':
        return this.backupAge(rule, now);
      default:
        return this.usage(rule);
    }
  }

  private unreachable(rule: RuleSpec): Condition[] {
    const after = rule.threshold ?? DEFAULT_UNREACHABLE_CYCLES;
    if (this.failedCycles < after) return [];
    const reason =
      this.lastError instanceof Error ? this.lastError.message : String(this.lastError);
    return [
      {
        ...base(rule, { type: 'proxmox' }),
        key: `${rule.id}:proxmox`,
        message: `Proxmox did not answer ${this.failedCycles} collection cycles in a row: ${reason}`,
      },
    ];
  }

  private certificate(rule: RuleSpec): Condition[] | undefined {
    if (this.failedCycles === 0) return this.viewed ? [] : undefined;
    const e = this.lastError;
    if (!(e instanceof ProxmoxError) || e.code !== 'tls') return undefined;
    if (e.details.reason !== 'fingerprint-mismatch') return undefined;
    return [
      {
        ...base(rule, { type: 'proxmox' }),
        key: `${rule.id}:certificate`,
        message: `The Proxmox certificate changed and no longer matches the pinned fingerprint: ${e.message}`,
      },
    ];
  }

  private containerDown(rule: RuleSpec): Condition[] {
    const out: Condition[] = [];
    for (const [vmid, d] of this.down) {
      const c = d.candidate;
      if (!guestInScope(rule, { vmid, node: c.node, tags: this.lastGuests.get(vmid)?.tags ?? [] }))
        continue;
      const what =
        (d.gone ? 'is gone from the cluster' : 'stopped') +
        (d.whileAway ? ' while the console was not running' : '');
      const why = d.explanation ? '' : '; nothing the console, a plan or Proxmox did explains it';
      out.push({
        ...base(rule, { type: 'ct', vmid, node: c.node, name: d.name }),
        key: `${rule.id}:ct/${vmid}`,
        message: `CT ${vmid} (${d.name}) on ${c.node} ${what}${why}`,
        explanation: d.explanation ?? undefined,
      });
    }
    return out;
  }

  private expectState(rule: RuleSpec): Condition[] {
    const online = new Set(this.nodes.filter((n) => n.status === 'online').map((n) => n.node));
    return this.guests
      .filter((g) => online.has(g.node) && guestInScope(rule, g))
      .flatMap((g) => {
        const want = expectedState(g.tags);
        if (!want || g.status === want) return [];
        return [
          {
            ...base(rule, { type: 'ct' as const, vmid: g.vmid, node: g.node, name: g.name }),
            key: `${rule.id}:ct/${g.vmid}`,
            message: `CT ${g.vmid} (${g.name}) is ${g.status} but its tag says it should be ${want}`,
          },
        ];
      });
  }

  /**
   * CTs whose newest backup in the last read list is older than `threshold` days, or that have
   * none. Templates are left out (the observed guests exclude them).
   */
  private backupAge(rule: RuleSpec, now: number): Condition[] | undefined {
    if (!this.backups) return undefined;
    const days = rule.threshold ?? 7;
    const { newest } = this.backups;
    return this.guests
      .filter((g) => guestInScope(rule, g))
      .flatMap((g) => {
        const last = newest.get(g.vmid);
        const age = last === undefined ? undefined : (now - last * 1000) / DAY_MS;
        if (age !== undefined && age <= days) return [];
        const what =
          age === undefined
            ? 'has no backup'
            : `newest backup is ${Math.round(age * 10) / 10} days old`;
        return [
          {
            ...base(rule, { type: 'ct' as const, vmid: g.vmid, node: g.node, name: g.name }),
            key: `${rule.id}:ct/${g.vmid}`,
            message: `CT ${g.vmid} (${g.name}) ${what}, more than ${days} days`,
          },
        ];
      });
  }

  private usage(rule: RuleSpec): Condition[] {
    const limit = rule.threshold ?? 90;
    return this.guests
      .filter((g) => guestInScope(rule, g))
      .flatMap((g) => {
        const v = usagePercent(rule.kind, g);
        if (v === null || v <= limit) return [];
        return [
          {
            ...base(rule, { type: 'ct' as const, vmid: g.vmid, node: g.node, name: g.name }),
            key: `${rule.id}:ct/${g.vmid}`,
            message: `CT ${g.vmid} (${g.name}) ${rule.kind} at ${pct(v)}, above ${pct(limit)}`,
          },
        ];
      });
  }
}

function base(rule: RuleSpec, subject: Condition['subject']): Omit<Condition, 'key' | 'message'> {
  return { rule, severity: rule.severity, subject };
}
