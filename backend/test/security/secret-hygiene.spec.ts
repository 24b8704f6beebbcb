import type { LoggerService } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.loader.js';
import { ADMIN_PASSWORD, type ConsoleHarness } from '../support/console-harness.js';
import { startSecuredConsole } from './secured-console.js';

const SESSION_SECRET = 'session-secret-for-hygiene-test-0123456789abcdef';
const logs: string[] = [];
const logger: LoggerService = Object.fromEntries(
  ['log', 'warn', 'error', 'debug', 'verbose', 'fatal'].map((level) => [
    level,
    (...parts: unknown[]) =>
      void logs.push(parts.map((p) => (p instanceof Error ? p.stack : String(p))).join(' ')),
  ]),
) as unknown as LoggerService;

let h: ConsoleHarness;
let apiToken = '';
let sessionCookie = '';

beforeAll(async () => {
  h = await startSecuredConsole({ logger, env: { PROXICLOUD_SESSION_SECRET: SESSION_SECRET } });
  sessionCookie = h.auth.kind === 'session' ? h.auth.cookie : '';
  const token = await h.withToken('operator', 'hygiene');
  apiToken = token.auth.kind === 'token' ? token.auth.token : '';
  await h.anonymous.post('/api/auth/login', { username: 'admin', password: 'wrong-password' });
  await h.get('/api/containers');
  await token.post('/api/containers/101/reboot');
  await h.get('/api/auth/me');
  await h.get('/api/users');
  await h.get('/api/tokens');
  await h.get('/api/permissions');
  await h.post('/api/containers/999999/start');
  await h.sim.faults.setDown(true);
  await h.get('/api/health');
  await h.get('/api/permissions');
  await h.sim.faults.setDown(false);
});
afterAll(() => h.stop());

describe('secrets', () => {
  it('never appear in any answer: Proxmox token secret, session secret, admin password, hashes', () => {
    expect(h.answers.length).toBeGreaterThan(10);
    const all = h.answers.join('\n');
    for (const secret of [
      h.tokenSecret,
      SESSION_SECRET,
      ADMIN_PASSWORD,
      '$argon2id$',
      'passwordHash',
      'tokenHash',
      'idHash',
    ]) {
      expect(all, secret).not.toContain(secret);
    }
  });

  it('show an API token only in the answer that created it', () => {
    expect(h.answers.filter((a) => a.includes(apiToken))).toHaveLength(1);
  });

  it('never appear in the log, nor the session cookie or an API token', () => {
    expect(logs.length).toBeGreaterThan(0);
    const all = logs.join('\n');
    for (const secret of [h.tokenSecret, SESSION_SECRET, ADMIN_PASSWORD, apiToken, sessionCookie]) {
      expect(all).not.toContain(secret);
    }
  });

  it('are hidden in configuration errors', () => {
    const bad = () =>
      loadConfig({
        PROXICLOUD_CONFIG: '/dev/null',
        PROXICLOUD_ADMIN_USER: 'admin',
        PROXICLOUD_ADMIN_PASSWORD: 'short',
        PROXICLOUD_SESSION_SECRET: 'too-short-secret',
      });
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (error) {
      const text = (error as Error).message;
      expect(text).toMatch(/PROXICLOUD_ADMIN_PASSWORD: \(hidden\) must be at least 8 characters/);
      expect(text).toMatch(/PROXICLOUD_SESSION_SECRET: \(hidden\)/);
      expect(text).not.toContain('short');
      expect(text).not.toContain('too-short-secret');
    }
  });
});
