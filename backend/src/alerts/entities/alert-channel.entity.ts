import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CHANNEL_TYPES = ['webhook', 'ntfy', 'gotify', 'email'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** Where notifications go. Secrets live in `secrets` and never leave the service layer. */
@Entity({ name: 'alert_channel' })
export class AlertChannel {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  type: ChannelType;

  /** the type's settings without secrets, JSON (see channels/channel-settings.ts) */
  @Column({ type: 'text' })
  settings: string;

  /** write-only values (webhook secret, ntfy/gotify token, SMTP password), JSON */
  @Column({ type: 'text' })
  secrets: string;

  /** at most this many notifications per hour; the rest go into one digest */
  @Column({ type: 'integer', default: 20 })
  capPerHour: number;

  /** local time window 'HH:MM-HH:MM' in which notifications are held, or null */
  @Column({ type: 'varchar', length: 16, nullable: true })
  quietHours: string | null;

  /** epoch ms until which a maintenance window holds notifications, or null */
  @Column({ type: 'integer', nullable: true })
  maintenanceUntil: number | null;

  @Column({ type: 'integer', nullable: true })
  lastSuccessAt: number | null;

  @Column({ type: 'integer', nullable: true })
  lastFailureAt: number | null;

  @Column({ type: 'text', nullable: true })
  lastFailure: string | null;

  @Column({ type: 'integer' })
  createdAt: number;
}
