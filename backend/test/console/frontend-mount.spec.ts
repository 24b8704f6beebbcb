import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleHarness } from '../support/console-harness.js';

// The console as `npm start` serves it: Nest's routes, then the built Angular app and its SPA
// fallback. A stand-in build (index.html plus one script) keeps this spec independent of `ng build`;
// `npm test` also runs the whole suite once with the real build mounted.
const INDEX = '<!doctype html><html><body><app-root>proxicloud-spa</app-root></body></html>';
let h: ConsoleHarness;
let frontendDir: string;

beforeAll(async () => {
  frontendDir = mkdtempSync(join(tmpdir(), 'proxicloud-frontend-'));
  writeFileSync(join(frontendDir, 'index.html'), INDEX);
  writeFileSync(join(frontendDir, 'main-TEST.js'), 'console.log("app");\n');
  h = await startConsole({ frontendDir });
});
afterAll(async () => {
  await h?.stop();
  rmSync(frontendDir, { recursive: true, force: true });
});

describe('with the built frontend mounted', () => {
  it('serves Prometheus text at /metrics, not the Angular app', async () => {
    const res = await h.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.text).not.toContain('proxicloud-spa');
    expect(res.text).toContain('# TYPE proxicloud_collector_cycles_total counter');
  });

  it('answers a deep link of the app with index.html, uncached', async () => {
    const res = await h.get('/containers/101');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.text).toBe(INDEX);
  });

  it('serves the build’s files with the security headers', async () => {
    const res = await h.get('/main-TEST.js');
    expect(res.status).toBe(200);
    expect(res.text).toContain('console.log("app")');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('keeps /api paths for the API: an unknown one is a JSON 404, a known one JSON', async () => {
    const unknown = await h.get('/api/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.body.statusCode).toBe(404);
    const nodes = await h.get('/api/nodes');
    expect(nodes.status).toBe(200);
    expect(nodes.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('answers a missing file with a 404, not with the app', async () => {
    const res = await h.get('/missing-chunk.js');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('proxicloud-spa');
  });

  it('does not answer a write to an app path with the app', async () => {
    const res = await h.post('/containers', {});
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('proxicloud-spa');
  });
});
