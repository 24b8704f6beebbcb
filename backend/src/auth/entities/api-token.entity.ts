import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../../users/roles.js';

/** An API token for automation. Only a keyed hash of the token is stored. */
@Entity({ name: 'api_token' })
export class ApiToken {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  name: string;

  /** HMAC-SHA256 of the token, hex */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ type: 'varchar', length: 64 })
  createdBy: string;

  /** epoch milliseconds */
  @Column({ type: 'integer' })
  createdAt: number;

  @Column({ type: 'integer', nullable: true })
  lastUsedAt: number | null;

  @Column({ type: 'integer', nullable: true })
  revokedAt: number | null;

  /**
   * The account that made the token; deleting it or taking its admin role revokes the token
   * (L-3 of the security review). Null only for tokens whose creator was already gone when
   * migration TokenOwner ran (those were revoked there).
   */
  @Index()
  @Column({ type: 'integer', nullable: true })
  ownerId: number | null;

  /** epoch milliseconds after which the token is refused; null: no expiry */
  @Column({ type: 'integer', nullable: true })
  expiresAt: number | null;
}
