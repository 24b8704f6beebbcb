import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CLUSTER_CACHE_KEY } from '../../src/cache/cluster-state.service.js';
import { DATABASE_FILE } from '../../src/database/data-source.js';

const WRITER = join(import.meta.dirname, 'support/crash-writer.ts');
const TSCONFIG = join(import.meta.dirname, '../../tsconfig.json');
const dataDir = mkdtempSync(join(tmpdir(), 'proxicloud-sigkill-'));
/** The writer stamps cycle N's analytics samples T0 + N, for CTS containers and NODES nodes. */
const T0 = 1_800_000_000;
const CTS = 200;
const NODES = 2;

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Run {
  lastCommitted: number;
  signal: NodeJS.Signals | null;
}

/** Starts the writer, lets it commit at least `cycles` cycles, then SIGKILLs it mid-cycle. */
function runAndKill(firstCycle: number, cycles: number): Promise<Run> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      WRITER,
      dataDir,
      String(firstCycle),
      String(T0),
      String(CTS),
      String(NODES),
    ],
    { env: { ...process.env, TSX_TSCONFIG_PATH: TSCONFIG }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let lastCommitted = firstCycle - 1;
  let errors = '';
  child.stderr?.on('data', (d: Buffer) => (errors += d.toString()));
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^committed (\d+)$/.exec(line);
        if (m) lastCommitted = Number(m[1]);
      }
      // a random extra delay puts the kill at a random point of a cycle
      if (lastCommitted - firstCycle + 1 >= cycles && !child.killed) {
        setTimeout(() => child.kill('SIGKILL'), Math.random() * 5);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited with ${code}: ${errors}`));
      else resolve({ lastCommitted, signal });
    });
  });
}

/** Rows per cycle in one samples table: cycle N's rows sit at t = T0 + N. */
function rowsPerCycle(db: Database.Database, table: string): Map<number, number> {
  const rows = db.prepare(`SELECT t, count(*) AS n FROM ${table} GROUP BY t`).all() as {
    t: number;
    n: number;
  }[];
  return new Map(rows.map((r) => [r.t - T0, r.n]));
}

/**
 * Every cycle the writer reported committed has all its container and node samples; the cycle
 * the kill interrupted has all of them or none (one transaction per cycle).
 */
function expectSamplesOfEveryCommittedCycle(db: Database.Database, lastCommitted: number): void {
  for (const [table, want] of [
    ['analytics_ct_samples', CTS],
    ['analytics_node_samples', NODES],
  ] as const) {
    const stored = rowsPerCycle(db, table);
    const short = Array.from({ length: lastCommitted }, (_, i) => i + 1).filter(
      (cycle) => stored.get(cycle) !== want,
    );
    expect(short, `committed cycles with samples missing from ${table}`).toEqual([]);
    for (const [cycle, n] of stored) {
      if (cycle > lastCommitted) expect(n, `${table}, interrupted cycle ${cycle}`).toBe(want);
    }
  }
}

describe('the console killed with SIGKILL during a collection cycle', () => {
  it('keeps an intact database and every committed write, kill after kill', async () => {
    let next = 1;
    for (let round = 0; round < 3; round++) {
      const run = await runAndKill(next, 40 + round * 25);
      expect(run.signal).toBe('SIGKILL');
      expect(run.lastCommitted).toBeGreaterThanOrEqual(next);

      const db = new Database(join(dataDir, DATABASE_FILE));
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const targets = new Set(
          (
            db.prepare("SELECT target FROM activity WHERE action = 'sample'").all() as {
              target: string;
            }[]
          ).map((r) => r.target),
        );
        const lost = Array.from({ length: run.lastCommitted }, (_, i) => `cycle/${i + 1}`).filter(
          (t) => !targets.has(t),
        );
        expect(lost, 'committed cycles missing after the kill').toEqual([]);
        const row = db
          .prepare('SELECT value FROM cache_entry WHERE key = ?')
          .get(CLUSTER_CACHE_KEY) as {
          value: string;
        };
        expect(JSON.parse(row.value).cycle).toBeGreaterThanOrEqual(run.lastCommitted);
        expectSamplesOfEveryCommittedCycle(db, run.lastCommitted);
        next =
          (
            db.prepare("SELECT count(*) AS n FROM activity WHERE action = 'sample'").get() as {
              n: number;
            }
          ).n + 1;
      } finally {
        db.close();
      }
    }
  }, 90_000);
});
