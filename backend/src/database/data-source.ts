import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

export const DATABASE_FILE = 'proxicloud.sqlite';

/** TypeORM options for the console's SQLite file: WAL, migrations run at start, never synchronize. */
export function buildDataSourceOptions(dataDir: string): DataSourceOptions {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  return {
    type: 'better-sqlite3',
    database: join(dir, DATABASE_FILE),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    synchronize: false,
    prepareDatabase: (db: Database.Database) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      // 4 MiB of page cache instead of better-sqlite3's 16 MiB: reads are small and indexed, and
      // the console is meant to fit in 200 MB while tracking 1,000 containers (bench/README.md)
      db.pragma('cache_size = -4000');
    },
  };
}
