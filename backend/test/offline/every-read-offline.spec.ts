import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_STATE_MAX_AGE_MS } from '../../src/cache/cluster-state.service.js';
import { startConsole, type ApiAnswer, type ConsoleHarness } from '../support/console-harness.js';
import { OFFLINE_ENV, readUntilState } from './support/offline-client.js';

const SPEC = new URL('../../openapi/openapi.json', import.meta.url);
const getPaths = (): string[] => {
  const doc = JSON.parse(readFileSync(SPEC, 'utf8')) as { paths: Record<string, { get?: object }> };
  return Object.keys(doc.paths).filter((p) => doc.paths[p].get);
};

/** Reads that ask Proxmox: 200 from the cache, stale in their JSON and in the headers. */
const PROXMOX_READS = [
  '/api/permissions',
  '/api/nodes',
  '/api/nodes/{node}/storages',
  '/api/dashboard',
  '/api/containers',
  '/api/containers/{vmid}',
  '/api/tasks',
  '/api/tasks/{upid}',
  '/api/templates',
  '/api/backups',
  '/api/backups/jobs',
  '/api/backups/freshness',
  '/api/permissions/containers',
  '/api/datacenter/tag-style',
];
/** Their JSON has no stale/fetchedAt (plain lists): the headers alone say it. */
const HEADERS_ONLY = ['/api/names/suggest', '/api/names/check', '/api/containers/{vmid}/snapshots'];
/** Answered from the console's own database (analytics checks the vmid/node in the cluster state). */
const LOCAL = [
  '/api/activity',
  '/api/activity/export',
  '/api/auth/setup',
  '/api/auth/me',
  '/api/tokens',
  '/api/users',
  '/api/status',
  '/api/analytics/containers/{vmid}',
  '/api/analytics/containers/{vmid}/csv',
  '/api/analytics/nodes/{node}',
  '/api/analytics/nodes/{node}/csv',
  '/api/analytics/summary',
  '/api/auth/lockouts',
  '/api/auth/totp',
  '/api/auth/totp/accounts',
  '/api/auth/oidc',
  '/api/alerts',
  '/api/alerts/rules',
  '/api/alerts/channels',
  '/api/schedules',
];
/** Live only: a CT's addresses come from its running network stack, never from a cache. */
const LIVE_ONLY = ['/api/containers/{vmid}/interfaces'];
/**
 * By design: health says 503 while Proxmox is away; the event stream, plans and schedule runs (both
 * plans, read from the database) are tested elsewhere.
 */
const SPECIAL = [
  '/api/health',
  '/api/events',
  '/api/plans/{id}',
  '/api/schedules/{id}/runs',
  // single sign-on redirects to the identity provider; tested in test/identity/oidc.spec.ts
  '/api/auth/oidc/login',
  '/api/auth/oidc/callback',
];

let h: ConsoleHarness;
let upid: string;

function urlOf(path: string): string {
  const url = path
    .replace('{vmid}', '101')
    .replace('{node}', 'pve1')
    .replace('{upid}', encodeURIComponent(upid));
  return url === '/api/names/check' ? `${url}?hostname=web-1` : url;
}

beforeAll(async () => {
  h = await startConsole({ env: OFFLINE_ENV });
  const stop = await h.post('/api/containers/107/stop');
  upid = stop.body.upid as string;
  await h.waitForTask(upid);
  // one read of each while Proxmox is up (a page the user opened before the outage)
  for (const path of getPaths().filter((p) => !SPECIAL.includes(p))) await h.get(urlOf(path));
  await h.sim.faults.setDown(true);
  await readUntilState(h, 'offline');
  await new Promise((r) => setTimeout(r, CLUSTER_STATE_MAX_AGE_MS + 100));
});
afterAll(async () => {
  await h.sim.faults.setDown(false);
  await h?.stop();
});

function expectCacheHeaders(res: ApiAnswer, path: string, status = 'STALE'): void {
  expect(res.headers.get('x-cache-status'), path).toBe(status);
  expect(Number(res.headers.get('x-data-age')), path).toBeGreaterThanOrEqual(0);
}

describe('every GET route of the OpenAPI document while Proxmox is down', () => {
  it('is classified here, so a new read route cannot skip this check', () => {
    const known = [...PROXMOX_READS, ...HEADERS_ONLY, ...LOCAL, ...LIVE_ONLY, ...SPECIAL];
    expect(getPaths().filter((p) => !known.includes(p))).toEqual([]);
  });

  it.each(PROXMOX_READS)('%s answers 200 from the cache, stale in JSON and headers', async (p) => {
    const res = await h.get<{ stale: boolean; fetchedAt: string }>(urlOf(p));
    expect(res.status, res.text).toBe(200);
    const finishedTask = p === '/api/tasks/{upid}';
    expect(res.body.stale, 'a finished task is never stale').toBe(!finishedTask);
    expect(Date.parse(res.body.fetchedAt)).toBeLessThan(Date.now());
    expectCacheHeaders(res, p, finishedTask ? 'HIT' : 'STALE');
  });

  it.each(HEADERS_ONLY)(
    '%s answers 200 from the cluster state, stale in the headers',
    async (p) => {
      const res = await h.get(urlOf(p));
      expect(res.status, res.text).toBe(200);
      expectCacheHeaders(res, p);
    },
  );

  it.each(LOCAL)('%s answers 200 from the console itself', async (p) => {
    const res = await h.get(urlOf(p));
    expect(res.status, res.text).toBe(200);
  });

  it.each(LIVE_ONLY)('%s answers 503 naming Proxmox', async (p) => {
    const res = await h.get<{ message: string }>(urlOf(p));
    expect(res.status, res.text).toBe(503);
    expect(res.body.message).toMatch(/Proxmox/);
  });

  it('/api/health says 503: Proxmox is part of the health', async () => {
    expect((await h.get('/api/health')).status).toBe(503);
  });
});
