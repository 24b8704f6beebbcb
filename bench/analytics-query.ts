/**
 * Query latency and database size: 100 CTs × 30 days of history (48 h of raw 30 s samples, 5-minute
 * and hourly rollups built by the real rollup code), then p50/p95 of the 24-hour and 30-day series.
 * Run: npx tsx --tsconfig backend/tsconfig.json bench/analytics-query.ts [--cts 100] [--queries 300]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AnalyticsClock } from '../backend/src/analytics/analytics-clock.js';
import type { ClusterStateService } from '../backend/src/cache/cluster-state.service.js';
import { AnalyticsQueryService } from '../backend/src/analytics/analytics-query.service.js';
import { AnalyticsSummaryService } from '../backend/src/analytics/analytics-summary.service.js';
import type { AnalyticsRepository } from '../backend/src/analytics/analytics.repository.js';
import type { RollupRow, SampleRow } from '../backend/src/analytics/analytics.types.js';
import { coarseRollup } from '../backend/src/analytics/backfill-plan.js';
import { LiveMetricsService } from '../backend/src/analytics/live-metrics.service.js';
import { openAnalyticsDb } from '../backend/src/analytics/testing/analytics-test-db.js';
import type { AppConfig } from '../backend/src/config/app-config.js';

const DAY = 86_400;
const STEP = 30;

function sample(vmid: number, t: number, step: number): SampleRow {
  const phase = (t / 3600 + vmid) % 24;
  const load = 0.2 + 0.15 * Math.sin(phase / 3.8) + 0.05 * Math.random();
  return {
    id: vmid,
    t,
    step,
    up: 1,
    cpu: load,
    mem: Math.round(4e8 + 2e8 * load + 1e6 * Math.random()),
    disk: 2.1e9 + vmid * 1e6,
    // whole bytes/s, as the collector stores them
    netin: Math.round(5e4 * load + 1e3 * Math.random()),
    netout: Math.round(2e4 * load + 1e3 * Math.random()),
    diskread: Math.round(1e4 * Math.random()),
    diskwrite: Math.round(3e4 * load),
    maxcpu: 2,
    maxmem: 1073741824,
    maxdisk: 8589934592,
  };
}

/** Older than 48 h: 5-minute rows as the rollup leaves them (one per bucket, 300 s of data). */
function fiveMinuteRow(vmid: number, t: number): RollupRow {
  return { ...coarseRollup(sample(vmid, t, 300)), secs: 300, step: STEP };
}

function seed(repo: AnalyticsRepository, cts: number, now: number): void {
  const rawFrom = now - 2 * DAY;
  for (let t = rawFrom; t < now; t += STEP) {
    repo.writeCycle(
      Array.from({ length: cts }, (_, i) => sample(100 + i, t, STEP)),
      [],
    );
  }
  const from = Math.floor((now - 30 * DAY) / 300) * 300;
  for (let i = 0; i < cts; i++) {
    const rows: RollupRow[] = [];
    for (let t = from; t < rawFrom; t += 300) rows.push(fiveMinuteRow(100 + i, t));
    repo.insertBackfill('ct', [], rows);
  }
  const dirty = Array.from({ length: cts }, (_, i): [number, number] => [100 + i, from]);
  repo.rollup('ct', dirty, now);
}

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

function time(label: string, n: number, run: (i: number) => unknown): void {
  const times: number[] = [];
  let points = 0;
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    const r = run(i) as { t?: number[] };
    times.push(performance.now() - s);
    points = r.t?.length ?? points;
  }
  const f = (x: number): string => `${x.toFixed(2)} ms`;
  console.log(
    `${label.padEnd(34)} p50 ${f(percentile(times, 50))}  p95 ${f(percentile(times, 95))}  (${points} points)`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cts: { type: 'string', default: '100' },
      queries: { type: 'string', default: '300' },
    },
  });
  const cts = Number(values.cts);
  const queries = Number(values.queries);
  const dir = mkdtempSync(join(tmpdir(), 'bench-analytics-query-'));
  const file = join(dir, 'analytics.sqlite');
  const { dataSource, repository } = await openAnalyticsDb(file);
  try {
    const now = Math.floor(Date.now() / 1000);
    const started = performance.now();
    seed(repository, cts, now);
    console.log(
      `seeded ${cts} CTs × 30 days in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const config = { retentionDays: 30 } as AppConfig;
    // every benchmarked subject has samples, so the cluster is never asked whether it exists
    const noCluster = {
      snapshot: () => Promise.reject(new Error('not used by this benchmark')),
    } as unknown as ClusterStateService;
    const query = new AnalyticsQueryService(config, repository, new AnalyticsClock(), noCluster);
    // a clock that moves two minutes per call: every summary is computed, never served from cache
    let tick = now;
    const uncached = { nowS: () => (tick += 120) };
    const summary = new AnalyticsSummaryService(repository, new LiveMetricsService(), uncached);
    const vmid = (i: number): number => 100 + ((i * 37) % cts);
    for (const [range, metric] of [
      ['24h', 'cpu'],
      ['24h', 'network'],
      ['30d', 'cpu'],
      ['30d', 'network'],
    ] as const) {
      time(`series ${range} ${metric}`, queries, (i) =>
        query.series('ct', vmid(i), metric, query.window({ range })),
      );
    }
    time('summary 24h (all CTs, uncached)', 20, () =>
      summary.summary(query.window({ range: '24h' }), 5),
    );
    time('summary 30d (all CTs, uncached)', 20, () =>
      summary.summary(query.window({ range: '30d' }), 5),
    );
    report(dataSource, file, cts);
  } finally {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Bytes per container-day of each table, from SQLite's dbstat (pages actually used). */
function report(
  dataSource: Awaited<ReturnType<typeof openAnalyticsDb>>['dataSource'],
  file: string,
  cts: number,
): void {
  const db = (
    dataSource.driver as unknown as { databaseConnection: import('better-sqlite3').Database }
  ).databaseConnection;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const rows = db
    .prepare(
      `SELECT name, SUM(pgsize) AS bytes FROM dbstat WHERE name LIKE 'analytics_ct_%' GROUP BY name`,
    )
    .all() as { name: string; bytes: number }[];
  const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
  const tiers = [
    [
      'raw samples (30 s)',
      'analytics_ct_samples',
      count('SELECT COUNT(*) AS n FROM analytics_ct_samples'),
      2,
    ],
    [
      '5-minute rollups',
      'analytics_ct_rollups',
      count('SELECT COUNT(*) AS n FROM analytics_ct_rollups WHERE tier = 300'),
      30,
    ],
    [
      'hourly rollups',
      'analytics_ct_rollups',
      count('SELECT COUNT(*) AS n FROM analytics_ct_rollups WHERE tier = 3600'),
      30,
    ],
  ] as const;
  const rollupRows = tiers[1][2] + tiers[2][2];
  for (const [label, table, n, days] of tiers) {
    const bytes = rows.find((r) => r.name === table)?.bytes ?? 0;
    const share = table === 'analytics_ct_rollups' ? (bytes * n) / rollupRows : bytes;
    console.log(
      `${label.padEnd(20)} ${n} rows, ${(share / n).toFixed(0)} B/row, ${(share / cts / days / 1024).toFixed(1)} KiB per CT-day`,
    );
  }
  console.log(`file ${(statSync(file).size / 1024 / 1024).toFixed(1)} MiB for ${cts} CTs`);
}

void main();
