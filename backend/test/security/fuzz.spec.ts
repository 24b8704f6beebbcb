import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleHarness } from '../support/console-harness.js';
import { fuzzDocument, type FuzzRequest, type OpenApiDoc } from './openapi-fuzz.js';
import { startSecuredConsole } from './secured-console.js';

const doc = JSON.parse(
  readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'),
) as OpenApiDoc;
const PARALLEL = 4;

let h: ConsoleHarness;
let token = '';

beforeAll(async () => {
  h = await startSecuredConsole({ sim: { speed: 0 } });
  const admin = await h.withToken('admin', 'fuzzer');
  token = admin.auth.kind === 'token' ? admin.auth.token : '';
});
afterAll(() => h.stop());

interface Outcome {
  request: FuzzRequest;
  status: number;
  message: unknown;
}

/** Sends one request as the admin token; event streams are closed once their headers arrive. */
async function send(request: FuzzRequest): Promise<Outcome> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (request.body !== undefined)
    headers['content-type'] = request.contentType ?? 'application/json';
  const abort = new AbortController();
  const res = await fetch(`${h.url}${request.path}`, {
    method: request.method,
    headers,
    body: request.body,
    signal: abort.signal,
  });
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
    abort.abort();
    return { request, status: res.status, message: 'stream' };
  }
  const text = await res.text();
  let message: unknown;
  try {
    message = (JSON.parse(text) as { message?: unknown }).message;
  } catch {
    message = undefined;
  }
  return { request, status: res.status, message };
}

async function sendAll(requests: FuzzRequest[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) outcomes.push(await send(requests[next++]));
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return outcomes;
}

describe('fuzzing every endpoint from the OpenAPI spec', () => {
  it('never answers 5xx, and every 4xx carries a message', { timeout: 240_000 }, async () => {
    const requests = fuzzDocument(doc, new Set());
    const covered = new Set(requests.map((r) => r.operationId));
    const all = Object.values(doc.paths).flatMap((m) => Object.values(m).map((o) => o.operationId));
    expect([...covered].sort()).toEqual([...new Set(all)].sort());
    expect(requests.length).toBeGreaterThan(2000);

    const outcomes = await sendAll(requests);
    const bad = outcomes.filter(
      (o) =>
        o.status >= 500 ||
        (o.status >= 400 && (typeof o.message !== 'string' || o.message.trim() === '')),
    );
    const report = bad
      .slice(0, 20)
      .map((o) => `${o.status} ${o.request.operationId} ${o.request.what}: ${String(o.message)}`);
    expect(report).toEqual([]);
    expect(outcomes.filter((o) => o.status >= 400 && o.status < 500).length).toBeGreaterThan(1000);
  });
});
