/**
 * Memory of the built console while it tracks pve-sim's large scenario (1,000 CTs, 10 nodes),
 * collecting every 2 s (the minimum) and backfilling every CT from rrddata on first sight.
 * pve-sim runs in its own process, so only the console's RSS is measured (/proc/<pid>/status).
 * Run: npx tsx bench/analytics-rss.ts [--seconds 120] [--interval 2]
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { buildBackendIfStale } from '../scripts/lib/build-state.mjs';
import { startConsoleProcess, startSimProcess } from './lib/processes.js';

const TOKEN_ID = 'bench@pve!rss';

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

function counts(file: string): { ct: number; cts: number; backfilled: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const one = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    return {
      ct: one('SELECT COUNT(*) AS n FROM analytics_ct_samples WHERE step = 2'),
      cts: one('SELECT COUNT(DISTINCT vmid) AS n FROM analytics_ct_samples'),
      backfilled: one('SELECT COUNT(*) AS n FROM analytics_ct_samples WHERE step = 60'),
    };
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '120' },
      // 3600: the console idles (first cycle after an hour), as a baseline
      interval: { type: 'string', default: '2' },
    },
  });
  const seconds = Number(values.seconds);
  buildBackendIfStale();
  const dir = mkdtempSync(join(tmpdir(), 'bench-analytics-rss-'));
  const children: ChildProcess[] = [];
  try {
    const sim = await startSimProcess({
      dataDir: join(dir, 'sim'),
      tokenId: TOKEN_ID,
      scenario: 'large',
    });
    children.push(sim.child);
    const app = await startConsoleProcess({
      dataDir: join(dir, 'console'),
      sim,
      env: { PROXICLOUD_COLLECT_INTERVAL_S: values.interval },
    });
    children.push(app.child);
    const pid = app.child.pid as number;
    let peak = 0;
    const series: string[] = [];
    for (let s = 1; s <= seconds; s++) {
      await new Promise((r) => setTimeout(r, 1_000));
      const rss = rssMiB(pid);
      peak = Math.max(peak, rss);
      if (s % 15 === 0) series.push(`${s}s ${rss.toFixed(0)}`);
    }
    const c = counts(join(dir, 'console', 'proxicloud.sqlite'));
    console.log(`console RSS (MiB) every 15 s: ${series.join(', ')}`);
    console.log(
      `peak ${peak.toFixed(0)} MiB, final ${rssMiB(pid).toFixed(0)} MiB after ${seconds} s`,
    );
    console.log(
      `${c.cts} CTs tracked, ${c.ct} collected samples, ${c.backfilled} backfilled minute points`,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
