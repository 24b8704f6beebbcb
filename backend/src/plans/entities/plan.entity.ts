import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PlanAction, PlanParams } from '../plan-actions.js';
import type { PlanWarning } from '../plan-targets.js';

export const PLAN_STATES = ['planned', 'running', 'done', 'failed', 'cancelled'] as const;
export type PlanState = (typeof PLAN_STATES)[number];
export const TARGET_STATUSES = ['pending', 'running', 'ok', 'failed', 'skipped'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/** One target of a plan: what was planned for it and, once run, what happened. */
export interface PlanTarget {
  vmid: number;
  name: string;
  node: string;
  allowed: boolean;
  reason?: string;
  warnings: PlanWarning[];
  /** planned to be left alone (already in the target state) */
  skip: boolean;
  status: TargetStatus;
  upid?: string;
  error?: string;
  /** epoch ms */
  startedAt?: number;
  endedAt?: number;
}

/** A reviewed-before-run action on a set of containers, with per-target results. */
@Entity({ name: 'plans' })
export class Plan {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  action: PlanAction;

  /** the selector as written, when the plan was made from one */
  @Column({ type: 'text', nullable: true })
  selector: string | null;

  @Column({ type: 'simple-json' })
  params: PlanParams;

  @Column({ type: 'varchar', length: 16 })
  state: PlanState;

  /** the actor (username, token:<name> or console) who made the plan */
  @Column({ type: 'varchar', length: 128 })
  createdBy: string;

  /** epoch ms */
  @Index()
  @Column({ type: 'integer' })
  createdAt: number;

  @Column({ type: 'integer' })
  expiresAt: number;

  @Column({ type: 'varchar', length: 128, nullable: true })
  executedBy: string | null;

  @Column({ type: 'integer', nullable: true })
  startedAt: number | null;

  @Column({ type: 'integer', nullable: true })
  endedAt: number | null;

  @Column({ type: 'integer', nullable: true })
  concurrency: number | null;

  /** the activity entry that records the run */
  @Column({ type: 'integer', nullable: true })
  activityId: number | null;

  @Column({ type: 'simple-json' })
  targets: PlanTarget[];

  /** the schedule whose run this plan is */
  @Index()
  @Column({ type: 'varchar', length: 36, nullable: true })
  scheduleId: string | null;
}
