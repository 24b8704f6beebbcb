import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { randomSecret } from './auth-crypto.js';

export const SESSION_SECRET = Symbol('SESSION_SECRET');
export const SESSION_SECRET_FILE = 'session-secret';

/**
 * The key hashing session ids and API tokens: from the config, else generated once into the data
 * directory (mode 0600) so sessions survive restarts.
 */
export function resolveSessionSecret(config: AppConfig): string {
  if (config.auth.sessionSecret) return config.auth.sessionSecret;
  const file = join(resolve(config.dataDir), SESSION_SECRET_FILE);
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  const secret = randomSecret(48);
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
