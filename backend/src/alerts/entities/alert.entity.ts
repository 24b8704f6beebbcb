import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Severity } from './alert-rule.entity.js';

export const ALERT_STATES = ['firing', 'resolved', 'suppressed'] as const;
export type AlertState = (typeof ALERT_STATES)[number];
export type SubjectType = 'ct' | 'node' | 'proxmox';

/**
 * One occurrence of a rule's condition for one subject: firing until resolved, or suppressed
 * from the start because something explains it (the explanation is kept).
 */
@Entity({ name: 'alert' })
export class Alert {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  ruleId: number;

  @Column({ type: 'varchar', length: 32 })
  ruleKind: string;

  @Column({ type: 'varchar', length: 64 })
  ruleName: string;

  /** ruleId + subject: one open alert per key */
  @Index()
  @Column({ type: 'varchar', length: 128 })
  key: string;

  @Index()
  @Column({ type: 'varchar', length: 16 })
  state: AlertState;

  @Column({ type: 'varchar', length: 16 })
  severity: Severity;

  @Column({ type: 'varchar', length: 8 })
  subjectType: SubjectType;

  @Column({ type: 'integer', nullable: true })
  vmid: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  node: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  name: string | null;

  @Column({ type: 'text' })
  message: string;

  /** why nothing was sent, e.g. "stop by alice via console at 14:02; not alerted" */
  @Column({ type: 'text', nullable: true })
  explanation: string | null;

  /** epoch ms */
  @Index()
  @Column({ type: 'integer' })
  startsAt: number;

  @Column({ type: 'integer', nullable: true })
  endsAt: number | null;

  /** epoch ms of the last firing notification queued (repeats for unacknowledged alerts) */
  @Column({ type: 'integer', nullable: true })
  notifiedAt: number | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  ackBy: string | null;

  @Column({ type: 'integer', nullable: true })
  ackAt: number | null;

  @Column({ type: 'text', nullable: true })
  ackNote: string | null;
}
