import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../roles.js';

/** A console account; the password is kept only as an argon2id hash. */
@Entity({ name: 'user' })
export class User {
  @PrimaryGeneratedColumn()
  id: number;

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
