import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, resolveConfigPath } from './config.loader.js';

const NO_FILE = { PROXICLOUD_CONFIG: '/dev/null' };

function yamlFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'pc-config-')), 'config.yaml');
  writeFileSync(path, text);
  return path;
}

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('uses the documented defaults and demo mode when nothing is set', () => {
    const config = loadConfig(NO_FILE);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      collectIntervalS: 30,
      retentionDays: 30,
      mode: 'live',
      pve: { insecure: false, urls: [], fingerprints: [] },
    });
  });

  it('reads the YAML file and lets the environment override it', () => {
    const path = yamlFile(
      'port: 9000\nretention_days: 7\npve:\n  url: https://pve.lan:8006\n  token_id: a@pve!b\n  token_secret: s\n',
    );
    const config = loadConfig({ PROXICLOUD_CONFIG: path, PROXICLOUD_PORT: '9100' });
    expect(config.port).toBe(9100);
    expect(config.retentionDays).toBe(7);
    expect(config.pve).toMatchObject({ urls: ['https://pve.lan:8006'], tokenId: 'a@pve!b' });
    expect(config.source).toBe(path);
  });

  it('lists every bad key at once instead of failing on the first', () => {
    const problems = problemsOf({
      ...NO_FILE,
      PROXICLOUD_PORT: 'eighty',
      PROXICLOUD_COLLECT_INTERVAL_S: '1',
      PROXICLOUD_PVE_INSECURE: 'maybe',
      PROXICLOUD_PVE_URL: 'http://pve.lan:8006',
      PROXICLOUD_PVE_FINGERPRINT: 'zz',
    });
    expect(problems).toHaveLength(7);
    expect(problems.join('\n')).toMatch(/PROXICLOUD_PORT: 'eighty' is not a whole number/);
    expect(problems.join('\n')).toMatch(
      /PROXICLOUD_COLLECT_INTERVAL_S: 1 is out of range \(2 to 3600\)/,
    );
    expect(problems.join('\n')).toMatch(/PROXICLOUD_PVE_URL: .*https:\/\//);
    expect(problems.join('\n')).toMatch(/PROXICLOUD_PVE_TOKEN_ID: required/);
    expect(problems.join('\n')).toMatch(/PROXICLOUD_PVE_TOKEN_SECRET: required/);
  });

  it('never echoes a secret in its messages', () => {
    const path = yamlFile('pve:\n  token_secret: [not, a, value]\n');
    const problems = problemsOf({ PROXICLOUD_CONFIG: path });
    expect(problems).toEqual(['pve.token_secret: must be a single value, not a list or map']);
  });

  it('refuses unknown keys and unreadable YAML', () => {
    expect(problemsOf({ PROXICLOUD_CONFIG: yamlFile('prot: 80\n') })).toEqual([
      expect.stringMatching(/prot: unknown key/),
    ]);
    expect(problemsOf({ PROXICLOUD_CONFIG: yamlFile('port: [\n') })[0]).toMatch(
      /cannot be read as YAML/,
    );
    expect(problemsOf({ PROXICLOUD_CONFIG: '/nonexistent/config.yaml' })[0]).toMatch(
      /does not exist/,
    );
  });

  it('requires the CA file to exist', () => {
    const problems = problemsOf({
      ...NO_FILE,
      PROXICLOUD_PVE_URL: 'https://pve.lan:8006',
      PROXICLOUD_PVE_TOKEN_ID: 'a@pve!b',
      PROXICLOUD_PVE_TOKEN_SECRET: 's',
      PROXICLOUD_PVE_CA_FILE: '/nonexistent/ca.pem',
    });
    expect(problems).toEqual(['PROXICLOUD_PVE_CA_FILE: /nonexistent/ca.pem does not exist']);
  });

  it('prefers PROXICLOUD_CONFIG over the default paths', () => {
    expect(resolveConfigPath({ PROXICLOUD_CONFIG: '/x.yaml' })).toBe('/x.yaml');
  });
});
