/**
 * Turns the OpenAPI document into hostile requests: wrong types, missing and extra fields, huge
 * and unicode strings, negative and huge numbers, malformed JSON, odd path and query values.
 */
export interface Schema {
  type?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  allOf?: Schema[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface OperationObject {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, Schema> };
}

export interface FuzzRequest {
  operationId: string;
  method: string;
  path: string;
  /** a raw body string (sent as is) */
  body?: string;
  contentType?: string;
  what: string;
}

const HUGE = 'x'.repeat(200_000);
export const STRINGS: string[] = [
  '',
  ' ',
  HUGE,
  '\u0000',
  '💥🔥🧨'.repeat(50),
  'ﷺ'.repeat(1000),
  '\u202Eevil\u202C',
  'e\u0301\u0301\u0301',
  '../../etc/passwd',
  '%00%2e%2e%2f',
  "'; DROP TABLE user; --",
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  'a'.repeat(300),
  'pve1\nX-Injected: 1',
];
export const NUMBERS: unknown[] = [
  -1,
  0,
  -(2 ** 31),
  2 ** 53 + 1,
  1e308,
  -1e308,
  1.5,
  Number.MIN_VALUE,
];
const WRONG_TYPES: unknown[] = [null, true, 42, 'text', [], [1, 2], {}, { nested: { deep: [1] } }];
export const MALFORMED_JSON = [
  '{',
  '{"a":',
  '{"a" 1}',
  "{'a': 1}",
  '[]',
  'null',
  '"a string"',
  '12',
  'undefined',
  '{"__proto__": {"admin": true}}',
  '{"constructor": {"prototype": {"x": 1}}}',
  '['.repeat(5000) + ']'.repeat(5000),
  '\uFEFF{}',
  '{"a":1}garbage',
];

export function resolve(doc: OpenApiDoc, schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.allOf?.length) {
    return schema.allOf
      .map((s) => resolve(doc, s))
      .reduce((a, b) => ({
        ...a,
        ...b,
        properties: { ...a.properties, ...b.properties },
        required: [...(a.required ?? []), ...(b.required ?? [])],
      }));
  }
  return schema;
}

/** A plausible valid value, so that one field at a time can be broken. */
export function sample(doc: OpenApiDoc, raw: Schema | undefined): unknown {
  const schema = resolve(doc, raw);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  switch (schema.type) {
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [sample(doc, schema.items)];
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sample(doc, v)]),
      );
    default:
      return 'sample';
  }
}

function bodyVariants(doc: OpenApiDoc, schema: Schema): [string, unknown][] {
  const base = sample(doc, schema) as Record<string, unknown>;
  const out: [string, unknown][] = [
    ['valid sample', base],
    ['empty object', {}],
    ['extra field', { ...base, extra: 1 }],
  ];
  for (const field of Object.keys(schema.properties ?? {})) {
    const { [field]: _, ...without } = base;
    out.push([`missing ${field}`, without]);
    for (const v of [...WRONG_TYPES, ...STRINGS, ...NUMBERS]) {
      out.push([`${field}=${JSON.stringify(v)?.slice(0, 30)}`, { ...base, [field]: v }]);
    }
  }
  for (const v of WRONG_TYPES) out.push([`body ${JSON.stringify(v)}`, v]);
  return out;
}

function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? 'x'));
}

const PATH_VALUES = [
  ...STRINGS.filter((s) => s !== '' && s.length < 1000),
  '-1',
  '0',
  '1e3',
  '99999999999999999999',
  '101.5',
  '0x65',
];

function queryString(params: Record<string, string | string[]>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of [v].flat()) q.append(k, one);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Every hostile request for one operation. */
export function fuzzOperation(
  doc: OpenApiDoc,
  method: string,
  path: string,
  op: OperationObject,
): FuzzRequest[] {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const validPath: Record<string, string> = Object.fromEntries(
    pathParams.map((p) => [p.name, String(sample(doc, p.schema))]),
  );
  const validQuery: Record<string, string> = Object.fromEntries(
    queryParams.filter((p) => p.required).map((p) => [p.name, String(sample(doc, p.schema))]),
  );
  const req = (
    what: string,
    p: Record<string, string>,
    q: Record<string, string | string[]>,
    body?: string,
    contentType?: string,
  ): FuzzRequest => ({
    operationId: op.operationId,
    method: method.toUpperCase(),
    path: fillPath(path, p) + queryString(q),
    body,
    contentType,
    what,
  });
  const out: FuzzRequest[] = [];
  for (const p of pathParams) {
    for (const v of PATH_VALUES)
      out.push(req(`path ${p.name}=${v.slice(0, 20)}`, { ...validPath, [p.name]: v }, validQuery));
  }
  for (const p of queryParams) {
    for (const v of [...STRINGS, ...NUMBERS.map(String), 'true', 'null']) {
      out.push(req(`query ${p.name}=${v.slice(0, 20)}`, validPath, { ...validQuery, [p.name]: v }));
    }
    out.push(req(`query ${p.name} twice`, validPath, { ...validQuery, [p.name]: ['a', 'b'] }));
  }
  if (queryParams.length === 0 && method === 'get') {
    out.push(req('unknown query', validPath, { unexpected: 'x' }));
  }
  const schema = op.requestBody?.content['application/json']?.schema;
  if (schema) {
    for (const [what, body] of bodyVariants(doc, resolve(doc, schema))) {
      out.push(req(`body ${what}`, validPath, validQuery, JSON.stringify(body)));
    }
  }
  if (method !== 'get') {
    for (const raw of MALFORMED_JSON)
      out.push(req(`malformed ${raw.slice(0, 20)}`, validPath, validQuery, raw));
    out.push(req('text/plain body', validPath, validQuery, 'hello', 'text/plain'));
    out.push(
      req('form body', validPath, validQuery, 'a=1&b=2', 'application/x-www-form-urlencoded'),
    );
  }
  return out;
}

export function fuzzDocument(doc: OpenApiDoc, skip: Set<string>): FuzzRequest[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, op]) => !skip.has(op.operationId))
      .flatMap(([method, op]) => fuzzOperation(doc, method, path, op)),
  );
}
