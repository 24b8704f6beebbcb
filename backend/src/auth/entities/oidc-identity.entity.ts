import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity.js';

/**
 * A console account's identity at an OpenID Connect provider: issuer + subject, never the e-mail
 * (an address can be re-issued to someone else; the subject cannot).
 */
@Entity({ name: 'oidc_identity' })
@Index(['issuer', 'subject'], { unique: true })
export class OidcIdentity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 255 })
  issuer: string;

  @Column({ type: 'varchar', length: 255 })
  subject: string;

  @Index()
  @Column({ type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  /** epoch milliseconds */
  @Column({ type: 'integer' })
  createdAt: number;
}
