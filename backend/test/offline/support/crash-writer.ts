// Child process of sigkill.spec.ts: collection cycles written through the console's own
// repositories, forever, until the parent kills it. Each cycle prints "committed N" only after
// its writes returned, so the parent knows exactly which cycles the database promised to keep.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ActivityRepository } from '../../../src/activity/activity.repository.js';
import { ActivityEntry } from '../../../src/activity/entities/activity-entry.entity.js';
import { AnalyticsRepository } from '../../../src/analytics/analytics.repository.js';
import type { SampleRow } from '../../../src/analytics/analytics.types.js';
import { CacheRepository } from '../../../src/cache/cache.repository.js';
import { CLUSTER_CACHE_KEY } from '../../../src/cache/cluster-state.service.js';
import { CacheEntry } from '../../../src/cache/entities/cache-entry.entity.js';
import { buildDataSourceOptions } from '../../../src/database/data-source.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crash-writer <dataDir> [firstCycle] [t0] [cts] [nodes]');

const source = new DataSource(buildDataSourceOptions(dataDir));
await source.initialize();
const cache = new CacheRepository(source.getRepository(CacheEntry));
const activity = new ActivityRepository(source.getRepository(ActivityEntry));
// about the size of a real /cluster/resources answer for a mid-size cluster
const filler = 'x'.repeat(64 * 1024);
const first = Number(process.argv[3] ?? '1');
const analytics = new AnalyticsRepository(source);
analytics.onModuleInit();

/** Cycle N's samples are stamped t0 + N (epoch seconds), so the parent knows every row to expect. */
const t0 = Number(process.argv[4] ?? '1800000000');
const cycleCts = Number(process.argv[5] ?? '200');
const cycleNodes = Number(process.argv[6] ?? '2');

function sample(id: number | string, t: number, cycle: number): SampleRow {
  const v = cycle % 1000;
  return {
    id,
    t,
    step: 1,
    up: 1,
    cpu: v / 1000,
    mem: v * 1024,
    disk: v * 4096,
    netin: v,
    netout: v,
    diskread: v,
    diskwrite: v,
    maxcpu: 2,
    maxmem: 1 << 30,
    maxdisk: 8 << 30,
  };
}

/** One cycle's samples through the repository's real per-cycle write (one transaction). */
function writeSamples(cycle: number): void {
  const t = t0 + cycle;
  const cts = Array.from({ length: cycleCts }, (_, i) => sample(100 + i, t, cycle));
  const nodes = Array.from({ length: cycleNodes }, (_, i) => sample(`pve${i + 1}`, t, cycle));
  analytics.writeCycle(cts, nodes);
}
process.stdout.write('ready\n');

for (let cycle = first; ; cycle++) {
  const at = Date.now();
  await cache.put(CLUSTER_CACHE_KEY, { cycle, guests: [], nodes: [], storages: [], filler }, at);
  await cache.put(`ct/${100 + (cycle % 20)}`, { cycle, filler: filler.slice(0, 4096) }, at);
  writeSamples(cycle);
  await activity.insert({
    at,
    actor: 'crash-writer',
    action: 'sample',
    target: `cycle/${cycle}`,
    node: 'pve1',
    upid: null,
    result: 'ok',
    message: null,
    endedAt: null,
    targets: null,
  });
  process.stdout.write(`committed ${cycle}\n`);
}
