import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config.loader.js';
import { buildDataSourceOptions } from './data-source.js';

/** The data source the TypeORM CLI loads (scripts/migration.mjs); the app builds its own. */
export default new DataSource({
  ...buildDataSourceOptions(loadConfig().dataDir),
  migrationsRun: false,
});
