import { DataSource } from 'typeorm';
import { AnalyticsRepository } from '../analytics.repository.js';
import type { SampleRow } from '../analytics.types.js';
import { ANALYTICS_ENTITIES } from '../entities/analytics-tables.js';

/** A repository on a fresh SQLite file (or memory) with the analytics tables, for specs and bench. */
export async function openAnalyticsDb(
  database = ':memory:',
): Promise<{ dataSource: DataSource; repository: AnalyticsRepository }> {
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database,
    entities: ANALYTICS_ENTITIES,
    synchronize: true,
    prepareDatabase: (db: { pragma: (s: string) => unknown }) => {
      db.pragma('auto_vacuum = INCREMENTAL');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    },
  });
  await dataSource.initialize();
  const repository = new AnalyticsRepository(dataSource);
  repository.onModuleInit();
  return { dataSource, repository };
}

/** A container sample with every metric set from one number, to make sums easy to check. */
export function sampleOf(id: number | string, t: number, value: number, step = 30): SampleRow {
  return {
    id,
    t,
    step,
    up: 1,
    cpu: value,
    mem: value * 1000,
    disk: value * 10,
    netin: value,
    netout: value * 2,
    diskread: value * 3,
    diskwrite: value * 4,
    maxcpu: 2,
    maxmem: 1e9,
    maxdisk: 1e10,
  };
}
