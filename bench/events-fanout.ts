/**
 * bench:events-fanout — 200 open GET /api/events streams on the large scenario (10 nodes, 1,000
 * CTs). While they are open the console watches the cluster (one /cluster/resources read every
 * 5 s for all streams) and a container is started or stopped through the API every few seconds.
 * Each `containers` event carries the time the console published it (`fetchedAt`), so every
 * stream measures its own delivery delay; the bench prints p50/p99/max over all deliveries,
 * whether every stream got every event, and the console's CPU (from /proc, console process only)
 * and RSS. The console and pve-sim run in their own processes.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBackendIfStale } from '../scripts/lib/build-state.mjs';
import { startConsoleProcess, startSimProcess } from './lib/processes.js';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 200);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 60);
const CHANGE_EVERY_MS = 4_000;
const TICKS_PER_S = 100; // USER_HZ on Linux

/** Per published event (by fetchedAt): its size and rows, for the breakdown by kind. */
const eventInfo = new Map<string, { bytes: number; rows: number }>();

interface Stream {
  /** delivery delay of each `containers` event, ms */
  delays: number[];
  /** the delay of each event by its fetchedAt */
  byEvent: Map<string, number>;
  /** ids of the `containers` events received (fetchedAt), to compare streams */
  seen: Set<string>;
  close(): void;
}

async function openStream(url: string, headers: Record<string, string>): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(`${url}/api/events`, { headers, signal: abort.signal });
  if (res.status !== 200 || !res.body) throw new Error(`stream: ${res.status}`);
  const stream: Stream = {
    delays: [],
    byEvent: new Map(),
    seen: new Set(),
    close: () => abort.abort(),
  };
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
          if (!block.includes('event: containers')) continue;
          const data = block.split('\n').find((l) => l.startsWith('data:'))!;
          const event = JSON.parse(data.slice(5)) as {
            full: boolean;
            fetchedAt: string;
            changed: unknown[];
          };
          if (event.full) continue; // the opening list, not a change
          eventInfo.set(event.fetchedAt, { bytes: data.length, rows: event.changed.length });
          stream.seen.add(event.fetchedAt);
          const delay = Date.now() - Date.parse(event.fetchedAt);
          stream.delays.push(delay);
          stream.byEvent.set(event.fetchedAt, delay);
        }
      }
    } catch {
      // closed by the bench
    }
  })();
  return stream;
}

/** utime + stime of a process, in seconds of CPU. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
}

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)!;
  return Number(line[1]) / 1024;
}

const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

async function main(): Promise<void> {
  buildBackendIfStale();
  const dir = mkdtempSync(join(tmpdir(), 'bench-events-'));
  const children: ChildProcess[] = [];
  const streams: Stream[] = [];
  try {
    const sim = await startSimProcess({
      dataDir: join(dir, 'sim'),
      tokenId: 'bench@pve!events',
      scenario: 'large',
    });
    children.push(sim.child);
    const app = await startConsoleProcess({ dataDir: join(dir, 'console'), sim });
    children.push(app.child);
    const pid = app.child.pid!;
    const me = (await (await fetch(`${app.url}/api/auth/me`, { headers: app.session })).json()) as {
      csrfToken: string;
    };
    const list = (await (
      await fetch(`${app.url}/api/containers`, { headers: app.session })
    ).json()) as { items: { vmid: number; status: string; node: string }[] };
    const targets = list.items.filter((c) => c.status === 'stopped').slice(0, 50);

    for (let i = 0; i < STREAMS; i++) streams.push(await openStream(app.url, app.session));
    const cpuBefore = cpuSeconds(pid);
    const started = Date.now();
    let changes = 0;
    while (Date.now() - started < DURATION_S * 1000) {
      const ct = targets[changes % targets.length];
      const action = Math.floor(changes / targets.length) % 2 === 0 ? 'start' : 'stop';
      const res = await fetch(`${app.url}/api/containers/${ct.vmid}/${action}`, {
        method: 'POST',
        headers: {
          ...app.session,
          'x-csrf-token': me.csrfToken,
          'content-type': 'application/json',
        },
        body: '{}',
      });
      if (res.status === 202) changes += 1;
      await new Promise((r) => setTimeout(r, CHANGE_EVERY_MS));
    }
    const wallS = (Date.now() - started) / 1000;
    const cpu = cpuSeconds(pid) - cpuBefore;
    const rss = rssMiB(pid);
    await new Promise((r) => setTimeout(r, 1_500)); // the last deliveries
    const all = streams.flatMap((s) => s.delays);
    const union = new Set(streams.flatMap((s) => [...s.seen]));
    const complete = streams.filter((s) => s.seen.size === union.size).length;
    console.log(
      `events fan-out, large scenario (1,000 CTs, 10 nodes), ${STREAMS} streams, ${wallS.toFixed(0)} s, ` +
        `${changes} starts/stops through the API (one per ${CHANGE_EVERY_MS / 1000} s)`,
    );
    console.log(
      `  containers events published: ${union.size}; streams that got every one: ${complete}/${STREAMS}`,
    );
    console.log(
      `  delivery delay over ${all.length} deliveries: p50 ${pct(all, 50)} ms, p99 ${pct(all, 99)} ms, max ${Math.max(...all)} ms`,
    );
    console.log('  by event (fetchedAt, rows, bytes, p50 / max delay over the streams):');
    for (const [at, info] of [...eventInfo].sort(([a], [b]) => a.localeCompare(b))) {
      const ds = streams.flatMap((s) => (s.byEvent.has(at) ? [s.byEvent.get(at)!] : []));
      console.log(
        `    ${at.slice(11, 23)}  ${String(info.rows).padStart(4)} rows  ${String(info.bytes).padStart(7)} B  ` +
          `${pct(ds, 50)} / ${Math.max(...ds)} ms`,
      );
    }
    console.log(
      `  console CPU: ${cpu.toFixed(1)} s over ${wallS.toFixed(0)} s = ${((100 * cpu) / wallS).toFixed(1)} % of one core; RSS ${rss.toFixed(0)} MiB`,
    );
    console.log(
      `  machine: ${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    for (const s of streams) s.close();
    for (const child of children) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
