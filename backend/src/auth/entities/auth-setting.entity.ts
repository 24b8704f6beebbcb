import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A sign-in policy admins change at run time (e.g. `totp_required`), as text. */
@Entity({ name: 'auth_setting' })
export class AuthSetting {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'text' })
  value: string;
}
