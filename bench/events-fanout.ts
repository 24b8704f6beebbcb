/**
 * bench:events-fanout — 200 open GET /api/events streams on the large scenario (10 nodes, 1,000
 * CTs). While they are open the console watches the cluster (one /cluster/resources read every
 * 5 s for all streams) and a container is started or stopped through the API every few seconds.
 * Each `containers` event carries `fetchedAt`, the time of the Proxmox answer it brings the list
 * up to date with, so every stream measures its delay from the moment the console read the change
 * (for an address change, read later by the address source, this overstates the delay); the bench
 * prints each event's kind, size and delays, p50/p99/max over all deliveries,
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

type Row = Record<string, unknown> & { vmid: number };
type Kind = 'state' | 'usage' | 'address' | 'none';

/** Per published event (by fetchedAt): its size, rows and kind, for the breakdown. */
const eventInfo = new Map<string, { bytes: number; rows: number; kind: Kind }>();
/** The list as the streams hold it, kept by whichever stream first gets each event. */
const held = new Map<number, Row>();
const USAGE = new Set([
  'cpu',
  'mem',
  'disk',
  'netin',
  'netout',
  'diskread',
  'diskwrite',
  'uptime',
  'addressReadAt',
]);
/** Read by the address source after the list, so the console learns them later than fetchedAt. */
const ADDRESS = new Set(['ipv4', 'protection']);

/**
 * What an event changes: `state` (status, name, ... or a row new or gone), else `address` (only
 * ipv4/protection besides usage), else `usage`; `none` for a bare freshness event.
 */
function kindOf(changed: Row[], removed: number[]): Kind {
  let kind: Kind = removed.length ? 'state' : 'none';
  for (const row of changed) {
    const before = held.get(row.vmid);
    if (!before) return 'state';
    const keys = new Set([...Object.keys(before), ...Object.keys(row)]);
    const moved = [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(row[k]));
    if (moved.some((k) => !USAGE.has(k) && !ADDRESS.has(k))) return 'state';
    if (moved.some((k) => ADDRESS.has(k))) kind = 'address';
    else if (moved.length && kind === 'none') kind = 'usage';
  }
  return kind;
}

function apply(changed: Row[], removed: number[]): void {
  for (const row of changed) held.set(row.vmid, row);
  for (const vmid of removed) held.delete(vmid);
}

interface Stream {
  /** delivery delay of each `containers` event, ms */
  delays: number[];
  /** the delay of each event by its fetchedAt */
  byEvent: Map<string, number>;
  /** ids of the `containers` events received (fetchedAt), to compare streams */
  seen: Set<string>;
  close(): void;
}

/**
 * One `containers` event as a stream got it. The readers stand in for 200 browsers, each parsing
 * its own copy on its own machine; parsing all 200 copies here would measure this one process, so
 * only the first stream parses (to classify the event) and the others read `fetchedAt`, which
 * the console writes last.
 */
function received(stream: Stream, block: string, parse: boolean): void {
  const data = block.slice(block.indexOf('\ndata: ') + 7);
  if (data.startsWith('{"full":true')) {
    if (parse && !held.size) apply((JSON.parse(data) as { changed: Row[] }).changed, []);
    return; // the opening list, not a change
  }
  const at = data.lastIndexOf('"fetchedAt":"') + 13;
  const fetchedAt = data.slice(at, data.indexOf('"', at));
  if (parse && !eventInfo.has(fetchedAt)) {
    const event = JSON.parse(data) as { changed: Row[]; removed: number[] };
    const kind = kindOf(event.changed, event.removed);
    apply(event.changed, event.removed);
    eventInfo.set(fetchedAt, { bytes: data.length, rows: event.changed.length, kind });
  }
  stream.seen.add(fetchedAt);
  const delay = Date.now() - Date.parse(fetchedAt);
  stream.delays.push(delay);
  stream.byEvent.set(fetchedAt, delay);
}

async function openStream(
  url: string,
  headers: Record<string, string>,
  parse: boolean,
): Promise<Stream> {
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
        let from = 0;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n', from)) {
          const block = buffer.slice(from, end);
          from = end + 2;
          if (block.startsWith('event: containers')) received(stream, block, parse);
        }
        buffer = buffer.slice(from);
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

    for (let i = 0; i < STREAMS; i++) streams.push(await openStream(app.url, app.session, i === 0));
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
    const delaysOf = (at: string): number[] =>
      streams.flatMap((s) => (s.byEvent.has(at) ? [s.byEvent.get(at)!] : []));
    console.log(
      '  by event (fetchedAt, kind, rows, bytes, min / p50 / max delay over the streams):',
    );
    for (const [at, info] of [...eventInfo].sort(([a], [b]) => a.localeCompare(b))) {
      const ds = delaysOf(at);
      console.log(
        `    ${at.slice(11, 23)}  ${info.kind.padEnd(7)} ${String(info.rows).padStart(4)} rows  ` +
          `${String(info.bytes).padStart(7)} B  ${Math.min(...ds)} / ${pct(ds, 50)} / ${Math.max(...ds)} ms`,
      );
    }
    for (const kind of ['state', 'usage', 'address', 'none'] as const) {
      const ats = [...eventInfo].filter(([, i]) => i.kind === kind).map(([at]) => at);
      const ds = ats.flatMap(delaysOf);
      if (!ds.length) continue;
      const spread = ats.map((at) => Math.max(...delaysOf(at)) - Math.min(...delaysOf(at)));
      console.log(
        `  ${kind} events: ${ats.length}, delay p50 ${pct(ds, 50)} / p99 ${pct(ds, 99)} / max ${Math.max(...ds)} ms; ` +
          `fastest-to-slowest stream spread max ${Math.max(...spread)} ms`,
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
