import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPveSim, type PveSimHandle } from '../../../pve-sim/src/index.js';
import { CacheRepository } from '../../../src/cache/cache.repository.js';
import type { ConnectionStatusDto } from '../../../src/status/dto/connection-status.dto.js';
import { type ConsoleHarness, startConsole, TEST_TOKEN_ID } from '../../support/console-harness.js';
import { openEventStream } from '../../support/event-stream.js';

/** Seconds between two collection cycles in these tests (the config minimum). */
export const CYCLE_S = 2;
export const OFFLINE_ENV = { PROXICLOUD_COLLECT_INTERVAL_S: String(CYCLE_S) };

export interface ReadAnswer<T> {
  status: number;
  body: T;
  cacheStatus: string | null;
  dataAge: number | null;
  ms: number;
}

/** A GET that also returns the cache headers (the harness helpers drop headers). */
export async function read<T>(h: ConsoleHarness, path: string): Promise<ReadAnswer<T>> {
  const started = performance.now();
  const res = await fetch(`${h.url}${path}`, { headers: h.authHeaders() });
  const body = (await res.json()) as T;
  const age = res.headers.get('x-data-age');
  return {
    status: res.status,
    body,
    cacheStatus: res.headers.get('x-cache-status'),
    dataAge: age === null ? null : Number(age),
    ms: performance.now() - started,
  };
}

/** Polls until check() returns a truthy value; fails with `what` after timeoutMs. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T>,
  timeoutMs: number,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface EventLog<T> {
  events: T[];
  close(): void;
}

/** Reads the events of one type from a text/event-stream (GET /api/events) until closed. */
export async function listen<T>(
  h: ConsoleHarness,
  path: string,
  type: string,
): Promise<EventLog<T>> {
  const stream = await openEventStream(`${h.url}${path}`, h.authHeaders());
  if (stream.status !== 200) throw new Error(`${path}: ${stream.status}`);
  return {
    get events() {
      return stream.events.filter((e) => e.type === type).map((e) => e.data as T);
    },
    close: () => stream.close(),
  };
}

/** The cache keys under `prefix` that the console's SQLite file holds (what a restart would serve). */
export function storedCacheKeys(h: ConsoleHarness, prefix: string): Promise<string[]> {
  return h.app.get(CacheRepository, { strict: false }).keysStartingWith(prefix);
}

/** Writes a cache row as the console would, e.g. the entry of a container that no longer exists. */
export function storeCacheRow(h: ConsoleHarness, key: string, value: unknown): Promise<void> {
  return h.app.get(CacheRepository, { strict: false }).put(key, value, Date.now());
}

/** A simulator and a data dir that outlive the consoles started on them (restart tests). */
export interface SameDisk {
  sim: PveSimHandle;
  dataDir: string;
  /** a console on this data dir and simulator, as after a restart */
  startConsole(): Promise<ConsoleHarness>;
  stop(): Promise<void>;
}

export async function sameDisk(prefix: string): Promise<SameDisk> {
  const secret = randomUUID();
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const sim = await startPveSim({
    port: 0,
    speed: 0.02,
    proxyTimeoutMs: 50,
    controlPort: false,
    dataDir: join(dataDir, 'pve-sim'),
    tokens: [{ tokenId: TEST_TOKEN_ID, secret, privsep: false }],
  });
  return {
    sim,
    dataDir,
    startConsole: () =>
      startConsole({
        existingSim: sim,
        env: {
          ...OFFLINE_ENV,
          PROXICLOUD_DATA_DIR: dataDir,
          PROXICLOUD_PVE_TOKEN_ID: TEST_TOKEN_ID,
          PROXICLOUD_PVE_TOKEN_SECRET: secret,
        },
      }),
    stop: async () => {
      await sim.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Reads until the console reports that state: any read that finds Proxmox (or a node) away
 * changes it, and the list is the cheapest read.
 */
export async function readUntilState(
  h: ConsoleHarness,
  state: ConnectionStatusDto['state'],
): Promise<void> {
  await waitFor(
    state,
    async () => {
      await read(h, '/api/containers');
      return (await read<ConnectionStatusDto>(h, '/api/status')).body.state === state;
    },
    3 * CYCLE_S * 1000,
  );
}
