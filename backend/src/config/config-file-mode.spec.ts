import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFileModeProblems } from './config-file-mode.js';

function fileWithMode(mode: number): string {
  const path = join(mkdtempSync(join(tmpdir(), 'pc-mode-')), 'config.yaml');
  writeFileSync(path, 'port: 8080\n');
  chmodSync(path, mode);
  return path;
}

describe('configFileModeProblems', () => {
  it('accepts 0600 and the installer’s 0640', () => {
    expect(configFileModeProblems(fileWithMode(0o600))).toEqual([]);
    expect(configFileModeProblems(fileWithMode(0o640))).toEqual([]);
  });

  it('flags a file everyone can read or others can change', () => {
    expect(configFileModeProblems(fileWithMode(0o644))).toEqual([
      expect.stringMatching(/readable by every user \(mode 644\)/),
    ]);
    expect(configFileModeProblems(fileWithMode(0o660))).toEqual([
      expect.stringMatching(/writable by other users/),
    ]);
  });

  it('has nothing to say without a file', () => {
    expect(configFileModeProblems(undefined)).toEqual([]);
    expect(configFileModeProblems('/nonexistent/config.yaml')).toEqual([]);
    expect(configFileModeProblems('/dev/null')).toEqual([]);
  });
});
