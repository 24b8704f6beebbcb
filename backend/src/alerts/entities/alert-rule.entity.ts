import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const RULE_KINDS = [
  'container-down',
  'node-offline',
  'proxmox-unreachable',
  'certificate-changed',
  'cpu',
  'memory',
  'rootfs',
  'expect-state',
  'backup-age',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export const BUILTIN_KINDS: readonly RuleKind[] = [
  'container-down',
  'node-offline',
  'proxmox-unreachable',
  'certificate-changed',
];

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SCOPE_KINDS = ['all', 'tag', 'node', 'vmids'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** What to watch, how bad it is, and where to tell. */
@Entity({ name: 'alert_rule' })
export class AlertRule {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  kind: RuleKind;

  /** created at first start; can be edited and disabled, not deleted */
  @Column({ type: 'boolean', default: false })
  builtin: boolean;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'varchar', length: 16 })
  severity: Severity;

  @Column({ type: 'varchar', length: 8, default: 'all' })
  scopeKind: ScopeKind;

  /** the tag, the node, or comma-separated vmids; null for all */
  @Column({ type: 'varchar', length: 255, nullable: true })
  scopeValue: string | null;

  /** percent for cpu/memory/rootfs, failed cycles for proxmox-unreachable, days for backup-age */
  @Column({ type: 'real', nullable: true })
  threshold: number | null;

  /** the condition must hold this long before the alert fires */
  @Column({ type: 'integer', default: 0 })
  forS: number;

  /** channel ids, JSON array; empty: every channel */
  @Column({ type: 'text', default: '[]' })
  channelIds: string;

  @Column({ type: 'integer' })
  createdAt: number;
}
