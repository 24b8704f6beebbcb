import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.loader.js';
import { CONFIG_KEYS } from '../../src/config/config.schema.js';

const load = (env: Record<string, string>) =>
  loadConfig({ PROXICLOUD_CONFIG: '/dev/null', ...env });

describe('auth configuration keys', () => {
  it('defaults to no configured admin, 60 idle minutes, 12 hours at most, CORS closed, auto cookies, every host, password sign-in on, no single sign-on', () => {
    expect(load({}).auth).toEqual({
      adminUser: undefined,
      adminPassword: undefined,
      sessionSecret: undefined,
      sessionIdleMin: 60,
      sessionMaxHours: 12,
      corsOrigins: [],
      secureCookies: 'auto',
      trustedProxies: [],
      allowedHosts: [],
      localLogin: true,
      breakGlassUser: undefined,
      oidc: undefined,
    });
  });

  it('reads every key from the environment', () => {
    const auth = load({
      PROXICLOUD_ADMIN_USER: 'ops',
      PROXICLOUD_ADMIN_PASSWORD: 'long-enough',
      PROXICLOUD_SESSION_SECRET: 's'.repeat(32),
      PROXICLOUD_SESSION_IDLE_MIN: '15',
      PROXICLOUD_SESSION_MAX_HOURS: '8',
      PROXICLOUD_CORS_ORIGINS: 'https://a.lan, http://b.lan:8080',
      PROXICLOUD_SECURE_COOKIES: 'false',
      PROXICLOUD_ALLOWED_HOSTS: 'proxicloud.lan, *.ops.lan',
    }).auth;
    expect(auth).toMatchObject({
      allowedHosts: ['proxicloud.lan', '*.ops.lan'],
      adminUser: 'ops',
      sessionIdleMin: 15,
      sessionMaxHours: 8,
      corsOrigins: ['https://a.lan', 'http://b.lan:8080'],
      secureCookies: 'never',
    });
  });

  it('lists every bad key at once, and wants the admin user and password together', () => {
    try {
      load({
        PROXICLOUD_ADMIN_USER: 'bad name!',
        PROXICLOUD_SESSION_IDLE_MIN: '0',
        PROXICLOUD_CORS_ORIGINS: 'ops.lan,https://ok.lan',
        PROXICLOUD_SECURE_COOKIES: 'sometimes',
        PROXICLOUD_ADMIN_PASSWORD: 'no-user-for-this-password',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PROXICLOUD_ADMIN_USER: 'bad name!' must be 1-64/);
      expect(problems).toMatch(/PROXICLOUD_SESSION_IDLE_MIN: 0 is out of range/);
      expect(problems).toMatch(/PROXICLOUD_CORS_ORIGINS: .*invalid origins ops\.lan/);
      expect(problems).toMatch(
        /PROXICLOUD_SECURE_COOKIES: 'sometimes' must be auto, true or false/,
      );
      expect(problems).toMatch(/set both or neither/);
    }
  });

  it('marks the password and the session secret as secrets', () => {
    expect(CONFIG_KEYS.adminPassword.secret).toBe(true);
    expect(CONFIG_KEYS.sessionSecret.secret).toBe(true);
  });
});
