import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { SessionsService } from '../auth/sessions.service.js';
import type { ClusterStateService } from '../cache/cluster-state.service.js';
import type { PrometheusService } from '../metrics/prometheus.service.js';
import { HotReadsService, plainCookieHeader } from './hot-reads.service.js';

describe('plainCookieHeader', () => {
  it('gives the Cookie header whatever its spelling', () => {
    expect(plainCookieHeader(['Host', 'x', 'COOKIE', 'a=1', 'Accept', '*/*'])).toBe('a=1');
  });

  it('gives undefined when there is no Cookie header', () => {
    expect(plainCookieHeader(['Host', 'x'])).toBeUndefined();
  });

  it('refuses requests the middleware would act on: token, body, cross-origin', () => {
    for (const name of ['Authorization', 'Origin', 'Content-Length', 'Transfer-Encoding']) {
      expect(plainCookieHeader(['Cookie', 'a=1', name, 'v']), name).toBe(false);
    }
  });

  it('refuses a Cookie header sent twice (Node would join them)', () => {
    expect(plainCookieHeader(['Cookie', 'a=1', 'Cookie', 'b=2'])).toBe(false);
  });
});

describe('HotReadsService.install', () => {
  async function serverWith(liveRole: () => string | undefined) {
    const sessions = { liveRoleWithoutWrite: liveRole } as unknown as SessionsService;
    const cluster = {
      current: () => ({
        resources: { guests: [], nodes: [] },
        fetchedAt: Date.now(),
        stale: false,
      }),
    } as unknown as ClusterStateService;
    const prometheus = { observeRequest: () => undefined } as unknown as PrometheusService;
    const hot = new HotReadsService(sessions, cluster, prometheus);
    const server = createServer((_req, res) => res.writeHead(503).end('framework'));
    hot.install(server, (_req, res, next) => {
      res.setHeader('X-Frame-Options', 'SAMEORIGIN');
      next();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const get = () =>
      fetch(`http://127.0.0.1:${port}/api/containers`, {
        headers: { cookie: 'proxicloud_session=abc' },
      });
    return { get, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  it('answers a live session itself, with the captured security headers', async () => {
    const { get, close } = await serverWith(() => 'viewer');
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(await res.json()).toMatchObject({ items: [], stale: false });
    await close();
  });

  it('hands the request to the framework when the session lookup throws, instead of crashing', async () => {
    const { get, close } = await serverWith(() => {
      throw new Error('SQLITE_IOERR: disk I/O error');
    });
    const res = await get();
    expect([res.status, await res.text()]).toEqual([503, 'framework']);
    await close();
  });
});
