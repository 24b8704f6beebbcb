import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { CacheEntry } from './entities/cache-entry.entity.js';

export interface StoredValue<T> {
  value: T;
  /** epoch ms of the Proxmox answer */
  fetchedAt: number;
}

/** The last good answers, kept in SQLite so a restarted console can serve them while Proxmox is away. */
@Injectable()
export class CacheRepository {
  constructor(@InjectRepository(CacheEntry) private readonly repo: Repository<CacheEntry>) {}

  async get<T>(key: string): Promise<StoredValue<T> | undefined> {
    const row = await this.repo.findOneBy({ key });
    if (!row) return undefined;
    try {
      return { value: JSON.parse(row.value) as T, fetchedAt: row.fetchedAt };
    } catch {
      // a row we cannot read is no cache at all; the next good answer overwrites it
      return undefined;
    }
  }

  /** One statement (INSERT ... ON CONFLICT), so a crash leaves either the old or the new row. */
  async put(key: string, value: unknown, fetchedAt: number): Promise<void> {
    await this.repo.upsert({ key, value: JSON.stringify(value), fetchedAt }, ['key']);
  }
}
