import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleHarness } from '../support/console-harness.js';
import { resolve, sample, type OpenApiDoc } from '../security/openapi-fuzz.js';
import { startSecuredConsole } from '../security/secured-console.js';

const doc = JSON.parse(
  readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'),
) as OpenApiDoc;

let h: ConsoleHarness;
let token = '';
beforeAll(async () => {
  h = await startSecuredConsole({ sim: { speed: 0 } });
  const admin = await h.withToken('admin', 'null-sender');
  token = admin.auth.kind === 'token' ? admin.auth.token : '';
});
afterAll(() => h.stop());

/** Every JSON body field of every operation, set to null one at a time in an otherwise valid body. */
function nullBodies(): {
  what: string;
  method: string;
  path: string;
  body: string;
  field: string;
}[] {
  const out = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const raw = op.requestBody?.content['application/json']?.schema;
      if (!raw) continue;
      const schema = resolve(doc, raw);
      const base = sample(doc, schema) as Record<string, unknown>;
      const filled = path.replace(/\{(\w+)\}/g, '1');
      for (const field of Object.keys(schema.properties ?? {})) {
        out.push({
          what: `${op.operationId} ${field}=null`,
          method: method.toUpperCase(),
          path: filled,
          body: JSON.stringify({ ...base, [field]: null }),
          field,
        });
      }
    }
  }
  return out;
}

describe('L-2: null in a body field', () => {
  it('is a 400 naming the field, on every operation, never a 500 or accepted', async () => {
    const cases = nullBodies();
    expect(cases.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const c of cases) {
      const res = await fetch(`${h.url}${c.path}`, {
        method: c.method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: c.body,
      });
      const body = (await res.json()) as { message?: string; fields?: Record<string, string> };
      if (res.status !== 400 || !body.fields?.[c.field]?.includes('null')) {
        wrong.push(`${c.what}: ${res.status} ${body.message}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('is refused inside nested objects and arrays too', async () => {
    const res = await h.post('/api/users', {
      username: 'nested-null',
      password: 'long-enough-password',
      role: 'viewer',
      extra: { deep: [null] },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/extra\.deep\.0 must not be null/);
  });
});
