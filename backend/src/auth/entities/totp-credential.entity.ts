import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity.js';

/**
 * A local account's TOTP authenticator. Secrets are stored encrypted (see totp-secret-box.ts);
 * the row goes with its account.
 */
@Entity({ name: 'totp_credential' })
export class TotpCredential {
  @PrimaryColumn({ type: 'integer' })
  userId: number;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  /** the confirmed secret; null until a first code confirmed it */
  @Column({ type: 'text', nullable: true })
  secret: string | null;

  /** a secret handed out by setup, waiting for its first code */
  @Column({ type: 'text', nullable: true })
  pendingSecret: string | null;

  /** epoch milliseconds; null while two-factor sign-in is off */
  @Column({ type: 'integer', nullable: true })
  enabledAt: number | null;

  /** the last 30 s step a code was accepted for: a code of that step or older is refused */
  @Column({ type: 'integer', nullable: true })
  lastStep: number | null;
}
