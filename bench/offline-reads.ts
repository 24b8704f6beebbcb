/**
 * bench:offline-reads — how fast the console's read endpoints answer while Proxmox is healthy,
 * slow (5 s per call, under the default 10 s client timeout) and down. The built console and
 * pve-sim run in their own processes; faults are set through pve-sim's loopback control API.
 * Run: npx tsx bench/offline-reads.ts [--reads 40]
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBackendIfStale } from '../scripts/lib/build-state.mjs';
import { startConsoleProcess, startSimProcess } from './lib/processes.js';

const TOKEN_ID = 'bench@pve!offline';
const PATHS = [
  '/api/containers',
  '/api/containers/101',
  '/api/nodes',
  '/api/templates',
  '/api/dashboard',
];
const LATENCY_MS = 5_000;

interface Sample {
  ms: number;
  status: number;
  cache: string;
}

async function timedGet(url: string, headers: Record<string, string>): Promise<Sample> {
  const started = performance.now();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  return {
    ms: performance.now() - started,
    status: res.status,
    cache: res.headers.get('x-cache-status') ?? '-',
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Sequential reads spread over the paths; prints one line per path. */
async function phase(
  name: string,
  api: string,
  session: Record<string, string>,
  reads: number,
): Promise<void> {
  console.log(`\n${name}`);
  console.log(
    'path                    first ms   p50 ms   p95 ms   max ms   non-200   cache statuses',
  );
  for (const path of PATHS) {
    const samples: Sample[] = [];
    for (let i = 0; i < reads; i++) {
      samples.push(await timedGet(`${api}${path}`, session));
      await new Promise((r) => setTimeout(r, 50));
    }
    const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
    const counts = new Map<string, number>();
    for (const s of samples) counts.set(s.cache, (counts.get(s.cache) ?? 0) + 1);
    const caches = [...counts].map(([k, v]) => `${k} ${v}`).join(', ');
    const bad = samples.filter((s) => s.status !== 200).length;
    const cols = [
      samples[0].ms,
      percentile(sorted, 50),
      percentile(sorted, 95),
      sorted.at(-1) ?? 0,
    ];
    console.log(
      `${path.padEnd(22)} ${cols.map((c) => c.toFixed(1).padStart(8)).join(' ')} ${String(bad).padStart(9)}   ${caches}`,
    );
  }
}

async function control(url: string, action: string, body: unknown = {}): Promise<void> {
  const res = await fetch(`${url}/faults/${action}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${action}: ${res.status} ${await res.text()}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { reads: { type: 'string', default: '40' } } });
  const reads = Number(values.reads);
  buildBackendIfStale();
  const dir = mkdtempSync(join(tmpdir(), 'bench-offline-'));
  const children: ChildProcess[] = [];
  try {
    const sim = await startSimProcess({
      dataDir: join(dir, 'sim'),
      tokenId: TOKEN_ID,
      control: true,
    });
    children.push(sim.child);
    const controlUrl = sim.controlUrl as string;
    const app = await startConsoleProcess({ dataDir: join(dir, 'console'), sim });
    children.push(app.child);
    const api = app.url;

    await phase('Proxmox healthy', api, app.session, reads);
    await control(controlUrl, 'latency', { ms: LATENCY_MS });
    await phase(
      `Proxmox slow (${LATENCY_MS} ms per call, client timeout 10 s)`,
      api,
      app.session,
      reads,
    );
    await control(controlUrl, 'latency', { ms: 0 });
    await control(controlUrl, 'down', { down: true });
    await phase('Proxmox down (port closed)', api, app.session, reads);
    await control(controlUrl, 'up');
  } finally {
    for (const child of children) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
