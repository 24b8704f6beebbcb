import { ActivityEntry } from '../activity/entities/activity-entry.entity.js';
import { CacheEntry } from '../cache/entities/cache-entry.entity.js';

/** Every TypeORM entity of the console, registered in one place for the app and the migration CLI. */
export const ENTITIES = [ActivityEntry, CacheEntry];
