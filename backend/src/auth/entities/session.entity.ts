import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity.js';

/** A browser session. The cookie holds a random id; only its keyed hash is stored here. */
@Entity({ name: 'session' })
export class Session {
  /** HMAC-SHA256 of the cookie value, hex */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  idHash: string;

  @Index()
  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  /** epoch milliseconds */
  @Column({ type: 'integer' })
  createdAt: number;

  @Column({ type: 'integer' })
  lastSeenAt: number;

  /** synchronizer token every state-changing request of this session must echo */
  @Column({ type: 'varchar', length: 64 })
  csrfToken: string;
}
