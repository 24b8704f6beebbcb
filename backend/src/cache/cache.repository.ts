import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Like, type Repository } from 'typeorm';
import { CacheEntry } from './entities/cache-entry.entity.js';

const DELETE_CHUNK = 500;

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

  /** The keys that start with `prefix` (no key holds a LIKE wildcard: `_` or `%`). */
  async keysStartingWith(prefix: string): Promise<string[]> {
    const rows = await this.repo.find({
      select: { key: true },
      where: { key: Like(`${prefix}%`) },
    });
    return rows.map((r) => r.key);
  }

  async delete(keys: string[]): Promise<void> {
    // a bounded statement each: SQLite limits the number of bound parameters
    for (let i = 0; i < keys.length; i += DELETE_CHUNK) {
      await this.repo.delete({ key: In(keys.slice(i, i + DELETE_CHUNK)) });
    }
  }

  /** Keeps the `keep` newest rows whose key starts with `prefix`; returns how many went. */
  async trim(prefix: string, keep: number): Promise<number> {
    const old = await this.repo.find({
      select: { key: true },
      where: { key: Like(`${prefix}%`) },
      order: { fetchedAt: 'DESC' },
      skip: keep,
    });
    await this.delete(old.map((r) => r.key));
    return old.length;
  }
}
