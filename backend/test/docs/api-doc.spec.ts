import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
}

/** Every operation of the committed spec as `METHOD /path`. */
function specRoutes(): string[] {
  const spec = JSON.parse(
    readFileSync(join(ROOT, 'backend/openapi/openapi.json'), 'utf8'),
  ) as OpenApiDocument;
  return Object.entries(spec.paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((method) => HTTP_METHODS.has(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/** Rows of the route tables: | `METHOD /path` | operationId | summary | */
function documentedRoutes(): string[] {
  const doc = readFileSync(join(ROOT, 'docs/API.md'), 'utf8');
  return [...doc.matchAll(/^\|\s*`([A-Z]+ \/[^`]*)`\s*\|/gm)].map((match) => match[1]);
}

describe('docs/API.md', () => {
  const spec = specRoutes();
  const documented = documentedRoutes();

  it('has route tables to check', () => {
    expect(documented.length).toBeGreaterThan(0);
  });

  it('lists every route of backend/openapi/openapi.json', () => {
    expect(spec.filter((route) => !documented.includes(route))).toEqual([]);
  });

  it('lists no route the spec does not have', () => {
    expect(documented.filter((route) => !spec.includes(route))).toEqual([]);
  });
});
