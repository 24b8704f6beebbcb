import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PlanAction, PlanParams } from '../../plans/plan-actions.js';
import type { Role } from '../../users/roles.js';

/** `api`: made through POST /api/schedules; `tag`: follows a `pxc.schedule.HHMM-HHMM` tag. */
export const SCHEDULE_SOURCES = ['api', 'tag'] as const;
export type ScheduleSource = (typeof SCHEDULE_SOURCES)[number];

/** A plan made again at every cron occurrence, its selector resolved anew each time. */
@Entity({ name: 'schedules' })
export class Schedule {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 8 })
  source: ScheduleSource;

  @Column({ type: 'varchar', length: 16 })
  action: PlanAction;

  @Column({ type: 'text' })
  selector: string;

  @Column({ type: 'simple-json' })
  params: PlanParams;

  /** five-field cron expression (minute hour day-of-month month day-of-week) */
  @Column({ type: 'varchar', length: 100 })
  cron: string;

  /** IANA time zone the cron expression is read in */
  @Column({ type: 'varchar', length: 64 })
  timeZone: string;

  @Column({ type: 'boolean' })
  enabled: boolean;

  /** the console role its runs act with: its creator's when it was made */
  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ type: 'varchar', length: 128 })
  createdBy: string;

  /** epoch ms */
  @Column({ type: 'integer' })
  createdAt: number;

  /** epoch ms of the last occurrence handled (run, or missed); occurrences after it are due */
  @Column({ type: 'integer', nullable: true })
  lastOccurrence: number | null;

  /** the plan of the last run */
  @Column({ type: 'varchar', length: 36, nullable: true })
  lastPlanId: string | null;

  /** what the last occurrence came to when no plan can tell (nothing to do, missed, error) */
  @Column({ type: 'text', nullable: true })
  lastNote: string | null;
}
