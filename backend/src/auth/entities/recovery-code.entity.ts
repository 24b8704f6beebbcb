import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity.js';

/** One single-use recovery code of an account with two-factor sign-in; only its hash is kept. */
@Entity({ name: 'recovery_code' })
@Index(['userId', 'codeHash'], { unique: true })
export class RecoveryCode {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  /** HMAC-SHA256 of the normalised code, hex */
  @Column({ type: 'varchar', length: 64 })
  codeHash: string;
}
