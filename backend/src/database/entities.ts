import { ActivityEntry } from '../activity/entities/activity-entry.entity.js';

/** Every TypeORM entity of the console, registered in one place for the app and the migration CLI. */
export const ENTITIES = [ActivityEntry];
