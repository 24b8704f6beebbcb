import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleHarness } from '../support/console-harness.js';
import { startSecuredConsole } from './secured-console.js';

interface Operation {
  operationId: string;
  security?: Record<string, string[]>[];
  'x-public'?: boolean;
}
type Spec = { paths: Record<string, Record<string, Operation>> };

const spec = JSON.parse(
  readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'),
) as Spec;
/**
 * The only operations allowed without authentication: health, sign-in and first setup, and the
 * single sign-on steps a signed-out browser must reach (issue 17: the IdP button, the redirect to
 * the IdP and its callback, which checks state, nonce and PKCE itself).
 */
const PUBLIC = new Set([
  'getHealth',
  'login',
  'getSetupStatus',
  'completeSetup',
  'getOidcStatus',
  'startOidcLogin',
  'finishOidcLogin',
]);
const SAMPLE: Record<string, string> = {
  vmid: '101',
  node: 'pve1',
  upid: 'UPID:pve1:1:1:1:x:1:u@pve:',
  id: '1',
};

const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    method: method.toUpperCase(),
    path: path.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE[name] ?? 'x'),
    op,
  })),
);

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startSecuredConsole();
});
afterAll(() => h.stop());

describe('every route in the OpenAPI spec', () => {
  it('covers the whole API (sanity: the walk is not empty)', () => {
    expect(operations.length).toBeGreaterThan(30);
    expect(operations.filter((o) => PUBLIC.has(o.op.operationId))).toHaveLength(PUBLIC.size);
  });

  it.each(operations.filter((o) => !PUBLIC.has(o.op.operationId)))(
    'refuses $method $path without credentials (401) and says so in the spec',
    async ({ method, path, op }) => {
      const res = await h.anonymous.request(method, path, {
        body: method === 'GET' ? undefined : {},
      });
      expect(res.status).toBe(401);
      expect(res.body.message).toMatch(/Sign in first/);
      expect(op.security?.length).toBeGreaterThan(0);
    },
  );

  it('marks exactly the public operations as needing no security', () => {
    const open = operations.filter((o) => o.op.security?.length === 0).map((o) => o.op.operationId);
    expect(new Set(open)).toEqual(PUBLIC);
  });

  it('gives anonymous callers of /api/health only the overall status', async () => {
    const anonymous = await h.anonymous.get('/api/health');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ status: 'ok' });
    const full = await h.get('/api/health');
    expect(full.body.info.proxmox).toMatchObject({ status: 'up' });
  });

  it('keeps the 503 of /api/health for anonymous callers when Proxmox is down', async () => {
    await h.sim.faults.setDown(true);
    try {
      const res = await h.anonymous.get('/api/health');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'error' });
    } finally {
      await h.sim.faults.setDown(false);
    }
  });
});

describe('headers', () => {
  it('sends helmet security headers and no X-Powered-By', async () => {
    const res = await h.anonymous.get('/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('content-security-policy')).not.toMatch(/upgrade-insecure-requests/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('keeps CORS closed by default: no Access-Control-Allow-Origin for a foreign origin', async () => {
    const res = await h.anonymous.request('OPTIONS', '/api/containers', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const get = await h.request('GET', '/api/containers', {
      headers: { origin: 'https://evil.example' },
    });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows exactly the configured origins when PROXICLOUD_CORS_ORIGINS is set', async () => {
    const open = await startSecuredConsole({
      existingSim: h.sim,
      env: { PROXICLOUD_CORS_ORIGINS: 'https://ops.example, https://noc.example:8443' },
    });
    try {
      const preflight = (origin: string) =>
        open.anonymous.request('OPTIONS', '/api/containers/101/stop', {
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'x-csrf-token',
          },
        });
      const ok = await preflight('https://noc.example:8443');
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://noc.example:8443');
      expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
      expect(ok.headers.get('access-control-allow-headers')).toMatch(/x-csrf-token/i);
      expect(
        (await preflight('https://evil.example')).headers.get('access-control-allow-origin'),
      ).toBeNull();
    } finally {
      await open.app.close();
    }
  });

  it('serves Swagger UI with the security schemes to sign in with', async () => {
    const doc = await h.anonymous.get('/api/docs-json');
    expect(Object.keys(doc.body.components.securitySchemes).sort()).toEqual([
      'csrf',
      'session',
      'token',
    ]);
    const init = await h.anonymous.get('/api/docs/swagger-ui-init.js');
    expect(init.text).toMatch(/requestInterceptor/);
    expect(init.text).toMatch(/X-CSRF-Token/);
  });
});
