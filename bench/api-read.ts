/**
 * bench:api-read — autocannon on the console's cached reads (GET /api/containers, /api/nodes,
 * /api/dashboard; 100 CTs) next to a raw node:http server that serves the very same bytes for
 * each path. 50 connections; runs alternate (raw, console, raw, console, ...) so a busy shared
 * machine slows both alike; medians and the ratio per route are printed. Every server runs in its
 * own process so the load generator does not share their event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { buildBackendIfStale } from '../scripts/lib/build-state.mjs';
import { largeScenario } from '../backend/pve-sim/src/cluster/scenario.js';
import { startConsoleProcess, startSimProcess, waitForLine } from './lib/processes.js';

const CONTAINERS = 100;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 50;
const ROUTES = ['/api/containers', '/api/nodes', '/api/dashboard'];

async function run(url: string, headers: Record<string, string> = {}): Promise<number> {
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION_S });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

const RAW_SERVER = `
const http = require('node:http');
const bodies = new Map(Object.entries(JSON.parse(process.env.BODIES)).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
http.createServer((req, res) => {
  const body = bodies.get(req.url);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
}).listen(0, '127.0.0.1', function () { console.log('raw listening on ' + this.address().port); });
`;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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
    const session = app.session;
    const bodies: Record<string, string> = {};
    for (const route of ROUTES) {
      const res = await fetch(`${app.url}${route}`, { headers: session });
      bodies[route] = Buffer.from(await res.arrayBuffer()).toString('base64');
    }
    const count = (
      JSON.parse(Buffer.from(bodies['/api/containers'], 'base64').toString()) as {
        items: unknown[];
      }
    ).items.length;
    if (count !== CONTAINERS) throw new Error(`expected ${CONTAINERS} containers, got ${count}`);

    const raw = spawn(process.execPath, ['-e', RAW_SERVER], {
      env: { ...process.env, BODIES: JSON.stringify(bodies) },
    });
    children.push(raw);
    const [, rawPort] = await waitForLine(raw, /raw listening on (\d+)/);

    const figures = new Map<string, { raw: number[]; console: number[] }>();
    for (const route of ROUTES) {
      figures.set(route, { raw: [], console: [] });
      await run(`${app.url}${route}`, session); // warm-up, so JIT and caches are equal for both
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const route of ROUTES) {
        const f = figures.get(route)!;
        f.raw.push(await run(`http://127.0.0.1:${rawPort}${route}`));
        f.console.push(await run(`${app.url}${route}`, session));
      }
    }
    console.log(
      `bench:api-read  ${new Date().toISOString()}  ${cpus().length} cores ${cpus()[0]?.model ?? ''}  load ${loadavg()[0].toFixed(1)}`,
    );
    console.log(
      `${CONTAINERS} containers, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION_S} s`,
    );
    for (const [route, f] of figures) {
      const bytes = Buffer.from(bodies[route], 'base64').length;
      const [r, c] = [median(f.raw), median(f.console)];
      console.log(
        `${route.padEnd(16)} ${String(bytes).padStart(6)} B  raw ${r.toFixed(0).padStart(6)}  console ${c.toFixed(0).padStart(6)} req/s  ratio ${(c / r).toFixed(2)}  (console runs: ${f.console.map((x) => x.toFixed(0)).join(', ')})`,
      );
    }
  } finally {
    for (const c of children) c.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
