import { ActivityEntry } from '../activity/entities/activity-entry.entity.js';
import { ALERT_ENTITIES } from '../alerts/entities/alert-entities.js';
import { ANALYTICS_ENTITIES } from '../analytics/entities/analytics-tables.js';
import { ApiToken } from '../auth/entities/api-token.entity.js';
import { AuthSetting } from '../auth/entities/auth-setting.entity.js';
import { OidcIdentity } from '../auth/entities/oidc-identity.entity.js';
import { RecoveryCode } from '../auth/entities/recovery-code.entity.js';
import { TotpCredential } from '../auth/entities/totp-credential.entity.js';
import { Session } from '../auth/entities/session.entity.js';
import { CacheEntry } from '../cache/entities/cache-entry.entity.js';
import { Plan } from '../plans/entities/plan.entity.js';
import { Schedule } from '../schedules/entities/schedule.entity.js';
import { BootstrapState } from '../users/entities/bootstrap-state.entity.js';
import { User } from '../users/entities/user.entity.js';

/** Every TypeORM entity of the console, registered in one place for the app and the migration CLI. */
export const ENTITIES = [
  ActivityEntry,
  CacheEntry,
  User,
  BootstrapState,
  Session,
  ApiToken,
  TotpCredential,
  RecoveryCode,
  AuthSetting,
  OidcIdentity,
  Plan,
  Schedule,
  ...ANALYTICS_ENTITIES,
  ...ALERT_ENTITIES,
];
