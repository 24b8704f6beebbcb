import { mkdtempSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDataSourceOptions, DATABASE_FILE } from './data-source.js';

const mode = (path: string) => statSync(path).mode & 0o777;
let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

describe('I-7: data directory and database file modes', () => {
  it('makes the data dir 0700 (even an existing 0755 one) and the database 0600', async () => {
    root = mkdtempSync(join(tmpdir(), 'proxicloud-modes-'));
    const dir = join(root, 'data');
    mkdirSync(dir, { mode: 0o755 });
    const db = new DataSource(buildDataSourceOptions(dir));
    await db.initialize();
    await db.query('SELECT 1');
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, DATABASE_FILE))).toBe(0o600);
    expect(mode(join(dir, `${DATABASE_FILE}-wal`))).toBe(0o600);
    await db.destroy();
  });
});
