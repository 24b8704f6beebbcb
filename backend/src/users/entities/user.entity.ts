import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../roles.js';

/** A console account; the password is kept only as an argon2id hash. */
@Entity({ name: 'user' })
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  /**
   * Unique regardless of case: migration UsernameNocase builds this index with COLLATE NOCASE
   * (TypeORM cannot declare that), and lookups compare with NOCASE too.
   */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  /** viewer, operator or admin */
  @Column({ type: 'varchar', length: 16 })
  role: Role;

  /** epoch milliseconds */
  @Column({ type: 'integer' })
  createdAt: number;

  @Column({ type: 'integer' })
  passwordChangedAt: number;
}
