// Child process of sigkill.spec.ts: collection cycles written through the console's own
// repositories, forever, until the parent kills it. Each cycle prints "committed N" only after
// its writes returned, so the parent knows exactly which cycles the database promised to keep.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ActivityRepository } from '../../../src/activity/activity.repository.js';
import { ActivityEntry } from '../../../src/activity/entities/activity-entry.entity.js';
import { CacheRepository } from '../../../src/cache/cache.repository.js';
import { CLUSTER_CACHE_KEY } from '../../../src/cache/cluster-state.service.js';
import { CacheEntry } from '../../../src/cache/entities/cache-entry.entity.js';
import { buildDataSourceOptions } from '../../../src/database/data-source.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crash-writer <dataDir>');

const source = new DataSource(buildDataSourceOptions(dataDir));
await source.initialize();
const cache = new CacheRepository(source.getRepository(CacheEntry));
const activity = new ActivityRepository(source.getRepository(ActivityEntry));
// about the size of a real /cluster/resources answer for a mid-size cluster
const filler = 'x'.repeat(64 * 1024);
const first = Number(process.argv[3] ?? '1');
process.stdout.write('ready\n');

for (let cycle = first; ; cycle++) {
  const at = Date.now();
  await cache.put(CLUSTER_CACHE_KEY, { cycle, guests: [], nodes: [], storages: [], filler }, at);
  await cache.put(`ct/${100 + (cycle % 20)}`, { cycle, filler: filler.slice(0, 4096) }, at);
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
  });
  process.stdout.write(`committed ${cycle}\n`);
}
