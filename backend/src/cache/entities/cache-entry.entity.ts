import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last good answer of one Proxmox read, kept so the console can serve it while Proxmox is away. */
@Entity({ name: 'cache_entry' })
export class CacheEntry {
  /** e.g. cluster-resources, ct-config/101, templates */
  @PrimaryColumn({ type: 'varchar', length: 191 })
  key: string;

  /** JSON text of the mapped (domain) value, never a raw PVE answer */
  @Column({ type: 'text' })
  value: string;

  /** epoch ms of the Proxmox answer */
  @Column({ type: 'integer' })
  fetchedAt: number;
}
