import { chmodSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

export const DATABASE_FILE = 'proxicloud.sqlite';

/** TypeORM options for the console's SQLite file: WAL, migrations run at start, never synchronize. */
export function buildDataSourceOptions(dataDir: string): DataSourceOptions {
  const dir = resolve(dataDir);
  // I-7: the directory (database, session secret) is the service user's alone, with or without
  // systemd's StateDirectoryMode; SQLite gives the -wal/-shm files the database file's mode
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodIfOwned(dir, 0o700);
  const database = join(dir, DATABASE_FILE);
  return {
    type: 'better-sqlite3',
    database,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    synchronize: false,
    prepareDatabase: (db: Database.Database) => {
      chmodIfOwned(database, 0o600);
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

/** chmod, unless another user owns the path (an admin's own layout is left alone). */
function chmodIfOwned(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
  }
}
