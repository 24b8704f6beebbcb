/**
 * bench:http-ceilings — how many answers per second each HTTP layer can give on this machine when
 * it does nothing but send the same bytes: raw node:http, a bare Express 5 app and a bare Fastify
 * app (one route, no middleware), each in its own process, autocannon with 50 connections, runs
 * alternating (raw, Express, Fastify, raw, ...) so a busy shared machine slows all alike. The
 * body is the console's container list of 100 CTs (~30 KB). This is the ceiling each Nest adapter
 * can reach at best; the console's own pipeline is measured by bench:api-read.
 *
 * Fastify is not a dependency of the console: set FASTIFY_DIR to a directory whose node_modules
 * holds fastify 5 (e.g. `npm i --prefix /tmp/fastify-bench fastify@5`), or it is skipped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import { largeScenario } from '../backend/pve-sim/src/cluster/scenario.js';
import { root } from '../scripts/lib/build-state.mjs';
import { waitForLine } from './lib/processes.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 50;

const HEADER = `const body = Buffer.from(process.env.BODY, 'base64');
const ready = (port) => console.log('listening on ' + port);`;

const SERVERS: Record<string, string> = {
  'raw node:http': `${HEADER}
require('node:http').createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
}).listen(0, '127.0.0.1', function () { ready(this.address().port); });`,
  'Express 5': `${HEADER}
const app = require('express')();
app.disable('x-powered-by');
app.set('etag', false);
app.get('/', (req, res) => { res.type('application/json; charset=utf-8'); res.send(body); });
const server = app.listen(0, '127.0.0.1', () => ready(server.address().port));`,
  'Fastify 5': `${HEADER}
const fastify = require(require('node:path').join(process.env.FASTIFY_DIR, 'node_modules/fastify'))();
fastify.get('/', (req, reply) => { reply.type('application/json; charset=utf-8').send(body); });
fastify.listen({ port: 0, host: '127.0.0.1' }).then(() => ready(fastify.server.address().port));`,
};

function containerListBody(): Buffer {
  const items = largeScenario()
    .guests.slice(0, 100)
    .map((g) => ({ ...g, tags: [], stale: false }));
  return Buffer.from(JSON.stringify({ items, stale: false, fetchedAt: new Date().toISOString() }));
}

async function start(name: string, code: string, body: Buffer): Promise<[ChildProcess, string]> {
  const child = spawn(process.execPath, ['-e', code], {
    cwd: root,
    env: { ...process.env, BODY: body.toString('base64') },
  });
  const [, port] = await waitForLine(child, /listening on (\d+)/);
  return [child, `http://127.0.0.1:${port}/`];
}

async function rps(url: string): Promise<number> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const body = containerListBody();
  const names = Object.keys(SERVERS).filter((n) => n !== 'Fastify 5' || process.env.FASTIFY_DIR);
  const children: ChildProcess[] = [];
  try {
    const urls = new Map<string, string>();
    for (const name of names) {
      const [child, url] = await start(name, SERVERS[name], body);
      children.push(child);
      urls.set(name, url);
      await rps(url); // warm-up
    }
    const figures = new Map<string, number[]>(names.map((n) => [n, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of names) figures.get(name)!.push(await rps(urls.get(name)!));
    }
    console.log(
      `bench:http-ceilings  ${new Date().toISOString()}  ${cpus().length} cores ${cpus()[0]?.model ?? ''}  load ${loadavg()[0].toFixed(1)}`,
    );
    console.log(
      `body ${body.length} bytes, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION_S} s`,
    );
    const raw = median(figures.get('raw node:http')!);
    for (const [name, runs] of figures) {
      const m = median(runs);
      console.log(
        `${name.padEnd(14)} median ${m.toFixed(0).padStart(6)} req/s  (${(m / raw).toFixed(2)} of raw)  runs: ${runs.map((r) => r.toFixed(0)).join(', ')}`,
      );
    }
  } finally {
    for (const c of children) c.kill('SIGTERM');
  }
}

await main();
