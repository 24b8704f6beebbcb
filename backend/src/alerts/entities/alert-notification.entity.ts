import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const NOTIFICATION_STATES = ['pending', 'sent', 'failed', 'capped', 'digested'] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];
export type NotificationEvent = 'alert.firing' | 'alert.resolved' | 'alert.digest';

/** One message for one channel: queued, retried with backoff, held, capped into a digest. */
@Entity({ name: 'alert_notification' })
export class AlertNotification {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'integer' })
  channelId: number;

  @Column({ type: 'integer', nullable: true })
  alertId: number | null;

  @Column({ type: 'varchar', length: 16 })
  event: NotificationEvent;

  /** the channel-neutral message (see channels/notice.ts), JSON */
  @Column({ type: 'text' })
  notice: string;

  @Index()
  @Column({ type: 'varchar', length: 16 })
  state: NotificationState;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** epoch ms: not before this (backoff, quiet hours, maintenance) */
  @Column({ type: 'integer' })
  dueAt: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'integer' })
  createdAt: number;

  @Index()
  @Column({ type: 'integer', nullable: true })
  sentAt: number | null;
}
