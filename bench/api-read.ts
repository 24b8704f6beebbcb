/**
 * bench:api-read — autocannon on the console's cached GET /api/containers (100 CTs) next to a raw
 * node:http server that serves the very same JSON bytes, in one run. Prints both req/s and the ratio.
 * Every server runs in its own process so the load generator does not share their event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { buildBackendIfStale } from '../scripts/lib/build-state.mjs';
import { largeScenario } from '../backend/pve-sim/src/cluster/scenario.js';
import { startConsoleProcess, startSimProcess, waitForLine } from './lib/processes.js';

const CONTAINERS = 100;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 20;

async function run(url: string, headers: Record<string, string> = {}): Promise<number> {
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION_S });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

const RAW_SERVER = `
const http = require('node:http');
const body = Buffer.from(process.env.BODY, 'base64');
http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
}).listen(0, '127.0.0.1', function () { console.log('raw listening on ' + this.address().port); });
`;

async function main(): Promise<void> {
  buildBackendIfStale();
  const dir = mkdtempSync(join(tmpdir(), 'bench-api-read-'));
  const children: ChildProcess[] = [];
  try {
    const large = largeScenario();
    const scenarioFile = join(dir, 'scenario-100.json');
    writeFileSync(
      scenarioFile,
      JSON.stringify({ ...large, name: 'bench-100', guests: large.guests.slice(0, CONTAINERS) }),
    );
    const sim = await startSimProcess({
      dataDir: join(dir, 'sim'),
      tokenId: 'bench@pve!read',
      scenario: scenarioFile,
    });
    children.push(sim.child);
    const app = await startConsoleProcess({ dataDir: join(dir, 'console'), sim });
    children.push(app.child);
    const apiUrl = `${app.url}/api/containers`;
    const session = app.session;
    const res = await fetch(apiUrl, { headers: session });
    const body = Buffer.from(await res.arrayBuffer());
    const count = (JSON.parse(body.toString()) as { items: unknown[] }).items.length;
    if (count !== CONTAINERS) throw new Error(`expected ${CONTAINERS} containers, got ${count}`);

    const raw = spawn(process.execPath, ['-e', RAW_SERVER], {
      env: { ...process.env, BODY: body.toString('base64') },
    });
    children.push(raw);
    const [, rawPort] = await waitForLine(raw, /raw listening on (\d+)/);

    await run(apiUrl, session); // warm-up of the same length, so JIT and caches are equal for both
    const rawRps = await run(`http://127.0.0.1:${rawPort}/`);
    const apiRps = await run(apiUrl, session);
    console.log(
      `bench:api-read  ${new Date().toISOString()}  ${cpus().length} cores ${cpus()[0]?.model ?? ''}`,
    );
    console.log(
      `body: ${body.length} bytes (${CONTAINERS} containers), ${CONNECTIONS} connections, ${DURATION_S} s each`,
    );
    console.log(`raw node:http      ${rawRps.toFixed(0)} req/s`);
    console.log(`GET /api/containers ${apiRps.toFixed(0)} req/s`);
    console.log(`ratio console/raw   ${(apiRps / rawRps).toFixed(2)} (goal: >= 0.5)`);
  } finally {
    for (const c of children) c.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
