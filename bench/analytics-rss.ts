/**
 * Memory of the built console while it tracks pve-sim's large scenario (1,000 CTs, 10 nodes),
 * collecting every 2 s (the minimum) and backfilling every CT from rrddata on first sight.
 * pve-sim runs in its own process, so only the console's RSS is measured (/proc/<pid>/status).
 * Run: npx tsx bench/analytics-rss.ts [--seconds 120] [--interval 2] [--node-options='--max-old-space-size=256']
 *      [--breakdown]   (V8 heap / external buffers / native memory of the console, per phase)
 * BENCH_DIST_DIR runs a build other than dist/ (that build is the caller's to keep fresh).
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { buildBackendIfStale } from '../scripts/lib/build-state.mjs';
import { startConsoleProcess, startSimProcess } from './lib/processes.js';

const TOKEN_ID = 'bench@pve!rss';
const PROBE = join(import.meta.dirname, 'lib/memory-probe.mjs');

interface Probe {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  native: number;
  mapped: number;
}

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

/** Mean and max of each probe field over the samples of one phase. */
function summarise(name: string, probes: Probe[]): string {
  if (probes.length === 0) return `${name}: no samples`;
  const keys = ['rss', 'heapTotal', 'heapUsed', 'external', 'native', 'mapped'] as const;
  const parts = keys.map((k) => {
    const xs = probes.map((p) => p[k]);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    return `${k} ${mean.toFixed(0)}/${Math.max(...xs).toFixed(0)}`;
  });
  return `${name} (mean/max MiB): ${parts.join(', ')}`;
}

function readProbes(file: string): Probe[] {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean);
  return lines.map((l) => JSON.parse(l) as Probe);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '120' },
      // 3600: the console idles (first cycle after an hour), as a baseline
      interval: { type: 'string', default: '2' },
      'node-options': { type: 'string', default: '' },
      breakdown: { type: 'boolean', default: false },
    },
  });
  const seconds = Number(values.seconds);
  if (!process.env.BENCH_DIST_DIR) buildBackendIfStale();
  const dir = mkdtempSync(join(tmpdir(), 'bench-analytics-rss-'));
  const probeFile = join(dir, 'probe.jsonl');
  const nodeOptions = [values['node-options'], values.breakdown ? `--import ${PROBE}` : '']
    .filter(Boolean)
    .join(' ');
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
      env: {
        PROXICLOUD_COLLECT_INTERVAL_S: values.interval,
        ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
        ...(values.breakdown ? { BENCH_MEMORY_PROBE: probeFile } : {}),
      },
    });
    children.push(app.child);
    let exited = false;
    app.child.once('exit', () => (exited = true));
    const pid = app.child.pid as number;
    const db = join(dir, 'console', 'proxicloud.sqlite');
    let peak = 0;
    let backfilled = -1;
    let doneAt: number | undefined;
    const series: string[] = [];
    for (let s = 1; s <= seconds; s++) {
      await new Promise((r) => setTimeout(r, 1_000));
      if (exited) throw new Error(`the console exited after ${s} s`);
      const rss = rssMiB(pid);
      peak = Math.max(peak, rss);
      if (s % 15 !== 0) continue;
      series.push(`${s}s ${rss.toFixed(0)}`);
      // the backfill is over once no more minute points arrive between two looks
      const now = counts(db).backfilled;
      if (doneAt === undefined && now > 0 && now === backfilled) doneAt = s - 15;
      backfilled = now;
    }
    const c = counts(db);
    console.log(`console RSS (MiB) every 15 s: ${series.join(', ')}`);
    console.log(
      `peak ${peak.toFixed(0)} MiB, final ${rssMiB(pid).toFixed(0)} MiB after ${seconds} s`,
    );
    console.log(
      `${c.cts} CTs tracked, ${c.ct} collected samples, ${c.backfilled} backfilled minute points` +
        (doneAt ? `; backfill done by ${doneAt} s` : '; backfill still running'),
    );
    if (values.breakdown) {
      const probes = readProbes(probeFile);
      const cut = doneAt ?? probes.length;
      console.log(summarise('during the backfill', probes.slice(0, cut)));
      console.log(summarise('after the backfill', probes.slice(cut)));
    }
  } finally {
    for (const child of children) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
