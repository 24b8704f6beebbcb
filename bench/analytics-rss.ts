/**
 * Memory of the built console while it tracks pve-sim's large scenario (1,000 CTs, 10 nodes),
 * collecting every 2 s (the minimum) and backfilling every CT from rrddata on first sight.
 * pve-sim runs in its own process, so only the console's RSS is measured (/proc/<pid>/status).
 * Run: npx tsx bench/analytics-rss.ts [--seconds 120] [--interval 2]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { buildBackendIfStale, root } from '../scripts/lib/build-state.mjs';

const TOKEN_ID = 'bench@pve!rss';

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = seen.match(pattern);
      if (match) resolve(match);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited (${code}) before ${pattern}:\n${seen}`)));
  });
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
    const secret = randomUUID();
    const simArgs = ['--port', '0', '--scenario', 'large', '--data-dir', join(dir, 'sim')];
    const sim = spawn(
      process.execPath,
      [join(root, 'dist/backend/pve-sim/src/main.js'), ...simArgs],
      {
        env: { ...process.env, PVE_SIM_TOKEN_ID: TOKEN_ID, PVE_SIM_TOKEN_SECRET: secret },
      },
    );
    children.push(sim);
    const [, simUrl, fingerprint] = await waitForLine(
      sim,
      /(https:\/\/127\.0\.0\.1:\d+)\S*\s+fingerprint ([0-9A-F:]{95})/,
    );
    const app = spawn(process.execPath, [join(root, 'dist/backend/src/main.js')], {
      env: {
        ...process.env,
        PROXICLOUD_CONFIG: '/dev/null',
        PROXICLOUD_PORT: '0',
        PROXICLOUD_DATA_DIR: join(dir, 'console'),
        PROXICLOUD_PVE_URL: simUrl,
        PROXICLOUD_PVE_TOKEN_ID: TOKEN_ID,
        PROXICLOUD_PVE_TOKEN_SECRET: secret,
        PROXICLOUD_PVE_FINGERPRINT: fingerprint,
        PROXICLOUD_COLLECT_INTERVAL_S: values.interval,
      },
    });
    children.push(app);
    await waitForLine(app, /serving on/);
    const pid = app.pid as number;
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
