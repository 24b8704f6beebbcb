import { AlertRuleDto, CreateAlertRuleDto, RulePreviewRequestDto } from '../../api/models';

export type RuleKind = CreateAlertRuleDto['kind'];
export type ScopeKind = NonNullable<CreateAlertRuleDto['scopeKind']>;
export type Severity = NonNullable<CreateAlertRuleDto['severity']>;

/** The kinds a user can create (the built-in ones exist once and are edited in place). */
export const RULE_KINDS: readonly { value: RuleKind; label: string }[] = [
  { value: 'cpu', label: 'CPU above a percent' },
  { value: 'memory', label: 'Memory above a percent' },
  { value: 'rootfs', label: 'Root disk above a percent' },
  { value: 'expect-state', label: 'Not in the state its pxc.expect tag asks for' },
  { value: 'backup-age', label: 'Newest backup older than some days' },
  { value: 'container-down', label: 'A running CT stops and nothing explains it' },
  { value: 'node-offline', label: 'Node offline' },
];
const PERCENT_KINDS: readonly RuleKind[] = ['cpu', 'memory', 'rootfs'];

export function needsThreshold(kind: RuleKind): boolean {
  return PERCENT_KINDS.includes(kind) || kind === 'backup-age';
}

/** What the threshold field holds for a kind. */
export function thresholdLabel(kind: RuleKind): string {
  return kind === 'backup-age' ? 'Older than days' : 'Above %';
}

/** The editor's values, as text where the person types. */
export interface RuleFormValue {
  name: string;
  kind: RuleKind;
  severity: Severity;
  scopeKind: ScopeKind;
  scopeValue: string;
  threshold: string;
  forMinutes: string;
  channelIds: number[];
}

/** The part of the form that decides when the rule fires: what the preview replays. */
export function previewBody(v: RuleFormValue): RulePreviewRequestDto {
  const body: RulePreviewRequestDto = { kind: v.kind, scopeKind: v.scopeKind };
  if (v.scopeKind !== 'all' && v.scopeValue.trim()) body.scopeValue = v.scopeValue.trim();
  if (needsThreshold(v.kind) && v.threshold.trim()) body.threshold = Number(v.threshold);
  const minutes = Number(v.forMinutes || '0');
  body.forS = Number.isFinite(minutes) ? Math.round(minutes * 60) : 0;
  return body;
}

export function ruleBody(v: RuleFormValue): CreateAlertRuleDto {
  return {
    ...previewBody(v),
    name: v.name.trim(),
    severity: v.severity,
    channelIds: v.channelIds,
  };
}

/** "CT tag web", "node pve1", "CTs 101,102", "everything". */
export function scopeLine(r: Pick<AlertRuleDto, 'scopeKind' | 'scopeValue'>): string {
  switch (r.scopeKind) {
    case 'tag':
      return `tag ${r.scopeValue ?? ''}`;
    case 'node':
      return `node ${r.scopeValue ?? ''}`;
    case 'vmids':
      return `CTs ${r.scopeValue ?? ''}`;
    default:
      return 'everything';
  }
}

/** When the rule fires, in words. */
export function conditionLine(r: AlertRuleDto): string {
  const held = r.forS ? ` for ${r.forS % 60 ? `${r.forS} s` : `${r.forS / 60} min`}` : '';
  if (r.kind === 'backup-age') return `newest backup older than ${r.threshold ?? 7} days${held}`;
  if (needsThreshold(r.kind)) return `${r.kind} above ${r.threshold ?? 90}%${held}`;
  if (r.kind === 'proxmox-unreachable') return `${r.threshold ?? 3} failed cycles in a row${held}`;
  return `${r.kind}${held}`;
}
