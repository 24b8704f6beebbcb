import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row once the first admin exists. From then on the configured admin (auth.admin_user /
 * PROXICLOUD_ADMIN_USER) is never created again, so an admin deleted on purpose does not come
 * back at the next restart with the install-time password (M-3 of the security review).
 */
@Entity({ name: 'bootstrap_state' })
export class BootstrapState {
  /** always 1: there is one console */
  @PrimaryColumn({ type: 'integer' })
  id: number;

  /** epoch milliseconds when an admin was first seen */
  @Column({ type: 'integer' })
  doneAt: number;
}
