/**
 * Ingest on pve-sim's large scenario (10 nodes, 1,000 CTs): collector cycle time and samples/s,
 * next to a plain batched SQLite insert of the same rows in the same run.
 * Run: npx tsx bench/analytics-ingest.ts [--cycles 30]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { startPveSim } from '../backend/pve-sim/src/index.js';
import type { BackfillService } from '../backend/src/analytics/backfill.service.js';
import { CollectorService } from '../backend/src/analytics/collector.service.js';
import { LiveMetricsService } from '../backend/src/analytics/live-metrics.service.js';
import { RollupTracker } from '../backend/src/analytics/rollup-tracker.js';
import { openAnalyticsDb } from '../backend/src/analytics/testing/analytics-test-db.js';
import type {
  ClusterSnapshot,
  ClusterStateService,
} from '../backend/src/cache/cluster-state.service.js';
import type { AppConfig } from '../backend/src/config/app-config.js';
import { ProxmoxClient } from '../backend/src/proxmox/proxmox.client.js';
import type { ClusterResources } from '../backend/src/proxmox/proxmox.types.js';
import type { SampleRow } from '../backend/src/analytics/analytics.types.js';

const TOKEN = { tokenId: 'root@pam!bench', secret: '5f0c2a9e-8d41-4b7a-9c3e-2f6d1a0b7e84' };

const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const ms = (x: number): string => `${x.toFixed(1)} ms`;

/** The snapshot of one cycle, its time and counters moved on as pvestatd would 10 s later. */
function advanced(base: ClusterResources, cycle: number): ClusterResources {
  const guests = base.guests.map((g) => ({
    ...g,
    uptime: g.uptime + cycle * 10,
    netin: g.netin + cycle * 10_000,
    netout: g.netout + cycle * 20_000,
    diskread: g.diskread + cycle * 30_000,
    diskwrite: g.diskwrite + cycle * 40_000,
  }));
  return { ...base, guests };
}

function collectorOn(
  repo: Awaited<ReturnType<typeof openAnalyticsDb>>['repository'],
  snapshot: () => Promise<ClusterSnapshot>,
): CollectorService {
  const state = { freshSnapshot: snapshot } as unknown as ClusterStateService;
  // gaps are not filled here: the ingest path alone is measured
  const backfill = { enqueue: () => undefined } as unknown as BackfillService;
  const config = { collectIntervalS: 10 } as AppConfig;
  return new CollectorService(
    config,
    state,
    repo,
    new LiveMetricsService(),
    new RollupTracker(),
    backfill,
  );
}

/**
 * A plain batched insert: one prepared INSERT OR REPLACE per row in one transaction, into a bare
 * WITHOUT ROWID table of the samples' shape (WAL, synchronous=NORMAL, as the console runs).
 */
function rawInserter(
  file: string,
  base: ClusterResources,
): ((rows: SampleRow[]) => void) & { close(): void } {
  const columns = [
    'vmid',
    't',
    'step',
    'up',
    'cpu',
    'mem',
    'disk',
    'netin',
    'netout',
    'diskread',
    'diskwrite',
    'maxcpu',
    'maxmem',
    'maxdisk',
  ];
  const db = new Database(file);
  if (process.env.BENCH_RAW_AUTOVACUUM) db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(
    `CREATE TABLE s (${columns.map((c, i) => `${c} ${i < 3 ? 'INTEGER' : 'REAL'}`).join(', ')}, PRIMARY KEY (vmid, t)) WITHOUT ROWID`,
  );
  const insert = db.prepare(
    `INSERT OR REPLACE INTO s VALUES (${columns.map(() => '?').join(', ')})`,
  );
  // node names mapped to numbers: the baseline table has one integer key column
  const nodeIds = new Map(base.nodes.map((n, i) => [n.node, i]));
  const batch = db.transaction((cycleRows: SampleRow[]) => {
    for (const r of cycleRows) {
      const vmid = typeof r.id === 'number' ? r.id : (nodeIds.get(r.id) ?? 0);
      insert.run(
        vmid,
        r.t,
        r.step,
        r.up,
        r.cpu,
        r.mem,
        r.disk,
        r.netin,
        r.netout,
        r.diskread,
        r.diskwrite,
        r.maxcpu,
        r.maxmem,
        r.maxdisk,
      );
    }
  });
  return Object.assign((rows: SampleRow[]) => void batch(rows), { close: () => db.close() });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { cycles: { type: 'string', default: '30' } } });
  const cycles = Number(values.cycles);
  const dir = mkdtempSync(join(tmpdir(), 'bench-analytics-ingest-'));
  const sim = await startPveSim({
    port: 0,
    scenario: 'large',
    controlPort: false,
    tokens: [{ ...TOKEN, privsep: false }],
  });
  const client = new ProxmoxClient({
    baseUrl: sim.url,
    tokenId: TOKEN.tokenId,
    tokenSecret: TOKEN.secret,
    fingerprint: sim.fingerprint,
  });
  try {
    const { dataSource, repository } = await openAnalyticsDb(join(dir, 'collector.sqlite'));
    // the share of a cycle spent in the write transaction
    const writes: number[] = [];
    const written: SampleRow[][] = [];
    const writeCycle = repository.writeCycle.bind(repository);
    repository.writeCycle = (cts, nodes) => {
      const s = performance.now();
      writeCycle(cts, nodes);
      writes.push(performance.now() - s);
      written.push(cts.concat(nodes));
    };
    let t = Math.floor(Date.now() / 1000);

    // 1. full cycles: one /cluster/resources read over HTTPS, rates, one write transaction
    const live = collectorOn(repository, async () => ({
      resources: await client.getClusterResources(),
      fetchedAt: (t += 10) * 1000,
      stale: false,
      cache: 'MISS',
    }));
    const full: number[] = [];
    let rows = 0;
    for (let i = 0; i < cycles; i++) {
      const r = await live.runCycle();
      if (!r) throw new Error('cycle failed');
      full.push(r.durationMs);
      rows = r.containers + r.nodes;
    }

    // 2. baseline: a bare table of the same shape, holding the rows the full cycles wrote
    const base = await client.getClusterResources();
    await sim.stop();
    const baseline = rawInserter(join(dir, 'raw.sqlite'), base);
    for (const r of written.splice(0)) baseline(r);
    writes.length = 0;

    // 3. store path only (the same answer moved on in time, without the HTTP read and pve-sim's
    // work in this process), each cycle followed by the raw insert of exactly the rows it wrote:
    // interleaved, so both see the same machine load and the same table sizes
    let cycle = 0;
    const stored = collectorOn(repository, () =>
      Promise.resolve({
        resources: advanced(base, ++cycle),
        fetchedAt: (t += 10) * 1000,
        stale: false,
        cache: 'MISS' as const,
      }),
    );
    const store: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < cycles; i++) {
      const r = await stored.runCycle();
      if (!r) throw new Error('cycle failed');
      store.push(r.durationMs);
      const s = performance.now();
      baseline(written[i]);
      raw.push(performance.now() - s);
    }
    baseline.close();

    const perSec = (xs: number[]): number => Math.round(rows / (pct(xs, 50) / 1000));
    console.log(
      `large scenario: ${rows} rows per cycle (${rows - base.nodes.length} CTs + ${base.nodes.length} nodes), ${cycles} cycles each`,
    );
    console.log(
      `full cycle (HTTPS read + rates + write)  p50 ${ms(pct(full, 50))}  p95 ${ms(pct(full, 95))}  ${perSec(full)} samples/s`,
    );
    console.log(
      `collector store path (rates + write)     p50 ${ms(pct(store, 50))}  p95 ${ms(pct(store, 95))}  ${perSec(store)} samples/s`,
    );
    console.log(
      `  of which the write transaction          p50 ${ms(pct(writes, 50))}  p95 ${ms(pct(writes, 95))}  ${perSec(writes)} samples/s`,
    );
    console.log(
      `raw batched INSERT of the same rows       p50 ${ms(pct(raw, 50))}  p95 ${ms(pct(raw, 95))}  ${perSec(raw)} samples/s`,
    );
    // each store cycle next to the raw insert right after it, so load drift cancels out
    const paired = store.map((s, i) => raw[i] / s);
    console.log(
      `store path / raw insert: ${(pct(raw, 50) / pct(store, 50)).toFixed(2)} of the raw rate ` +
        `(per-cycle pairs: p50 ${pct(paired, 50).toFixed(2)}, p10 ${pct(paired, 10).toFixed(2)})`,
    );
    await dataSource.destroy();
  } finally {
    client.close();
    await sim.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
