import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** `locked`: the task failed because the container was locked (see taskLock) */
export const ACTIVITY_RESULTS = ['started', 'ok', 'error', 'locked'] as const;
export type ActivityResult = (typeof ACTIVITY_RESULTS)[number];

/** One mutating action taken through the console, joined to the Proxmox task it started. */
@Entity({ name: 'activity' })
export class ActivityEntry {
  @PrimaryGeneratedColumn()
  id: number;

  /** epoch milliseconds */
  @Index()
  @Column({ type: 'integer' })
  at: number;

  @Column({ type: 'varchar', length: 128 })
  actor: string;

  /** create, start, stop, shutdown, reboot, delete, download */
  @Column({ type: 'varchar', length: 32 })
  action: string;

  /** e.g. ct/101 or template/debian-12-standard_12.7-1_amd64.tar.zst */
  @Index()
  @Column({ type: 'varchar', length: 255 })
  target: string;

  @Column({ type: 'varchar', length: 64 })
  node: string;

  @Index()
  @Column({ type: 'varchar', length: 255, nullable: true })
  upid: string | null;

  @Column({ type: 'varchar', length: 16 })
  result: ActivityResult;

  /** Proxmox's exit status or error text once known */
  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ type: 'integer', nullable: true })
  endedAt: number | null;

  /** a plan's targets (e.g. ct/101), recorded as one entry; null for single actions */
  @Column({ type: 'simple-json', nullable: true })
  targets: string[] | null;
}
