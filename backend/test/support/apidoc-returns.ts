import { FORMAT_CHECKS } from '../../pve-sim/src/schema/index.js';
import type { PropertySchema } from '../../pve-sim/src/schema/index.js';

/**
 * Checks a response `data` value against the `returns` schema of an apidoc.json endpoint.
 * Strict where the schema is explicit (types, required properties, enums, integer vs number,
 * `null`, array items, named formats that pve-sim implements, minimum/maximum), lenient where it
 * is silent (no `additionalProperties` means extra keys are fine; no `type` means anything).
 */
export interface ReturnsOptions {
  /**
   * Accept numeric strings ("1") where the schema says integer/number. Perl's JSON encoder emits
   * a number as a string once the scalar was used as a string, and captures from older PVE
   * versions show it (e.g. `cpus: "1"`). pve-sim itself must send real numbers, so this is off
   * by default and only meant for captured fixtures.
   */
  allowNumericStrings?: boolean;
}

type Problems = string[];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const truthy = (flag: unknown): boolean => flag !== undefined && flag !== 0 && flag !== false;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return `${typeof value} ${JSON.stringify(value)}`.slice(0, 80);
}

function numericString(value: unknown, integer: boolean, opts: ReturnsOptions): boolean {
  if (!opts.allowNumericStrings || typeof value !== 'string') return false;
  return integer ? /^[+-]?\d+$/.test(value) : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value);
}

function matchesType(type: string, value: unknown, opts: ReturnsOptions): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value) || numericString(value, true, opts);
    case 'number':
      return typeof value === 'number' || numericString(value, false, opts);
    // PVE encodes booleans as 0/1 integers, JSON true/false also occurs
    case 'boolean':
      return typeof value === 'boolean' || value === 0 || value === 1;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isPlainObject(value);
    default:
      return true;
  }
}

function checkScalar(schema: PropertySchema, value: unknown, path: string, out: Problems): void {
  if (schema.enum && !schema.enum.some((e) => String(e) === String(value))) {
    out.push(`${path}: ${describe(value)} is not one of ${schema.enum.map(String).join(', ')}`);
  }
  if (typeof value === 'string' && typeof schema.format === 'string') {
    const failure = FORMAT_CHECKS[schema.format]?.(value);
    if (failure) out.push(`${path}: format ${schema.format}: ${failure.trim()}`);
  }
  const n = typeof value === 'number' ? value : Number.NaN;
  if (schema.minimum !== undefined && n < schema.minimum)
    out.push(`${path}: ${n} < minimum ${schema.minimum}`);
  if (schema.maximum !== undefined && n > schema.maximum)
    out.push(`${path}: ${n} > maximum ${schema.maximum}`);
}

function checkObject(
  schema: PropertySchema,
  value: Record<string, unknown>,
  path: string,
  opts: ReturnsOptions,
  out: Problems,
): void {
  const properties = schema.properties ?? {};
  for (const [key, sub] of Object.entries(properties)) {
    if (key.endsWith('[n]')) continue;
    const present = Object.hasOwn(value, key);
    if (!present && !truthy(sub.optional)) out.push(`${path}.${key}: required property is missing`);
    // Perl undef serialises as null; tolerate it only where the property may be absent anyway
    if (present && !(value[key] === null && truthy(sub.optional))) {
      check(sub, value[key], `${path}.${key}`, opts, out);
    }
  }
  const extra = schema.additionalProperties;
  for (const key of Object.keys(value).filter((k) => !Object.hasOwn(properties, k))) {
    const indexed = properties[key.replace(/^(\D+)\d+$/, '$1[n]')];
    if (indexed) check(indexed, value[key], `${path}.${key}`, opts, out);
    else if (extra !== undefined && !truthy(extra))
      out.push(`${path}.${key}: property is not in the schema`);
    else if (isPlainObject(extra)) check(extra, value[key], `${path}.${key}`, opts, out);
  }
}

function check(
  schema: PropertySchema,
  value: unknown,
  path: string,
  opts: ReturnsOptions,
  out: Problems,
): void {
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (types.length > 0 && !types.some((t) => matchesType(t, value, opts))) {
    out.push(`${path}: expected ${types.join('|')}, got ${describe(value)}`);
    return;
  }
  if (Array.isArray(value)) {
    if (schema.items)
      value.forEach((el, i) =>
        check(schema.items as PropertySchema, el, `${path}[${i}]`, opts, out),
      );
  } else if (isPlainObject(value)) {
    if (schema.properties || schema.additionalProperties !== undefined)
      checkObject(schema, value, path, opts, out);
  } else if (value !== null) {
    checkScalar(schema, value, path, out);
  }
}

/** Returns human-readable problems, [] when `data` fits `endpoint.returns`. */
export function validateReturns(
  endpoint: { returns: unknown },
  data: unknown,
  opts: ReturnsOptions = {},
): string[] {
  const out: Problems = [];
  if (isPlainObject(endpoint.returns)) check(endpoint.returns, data, 'data', opts, out);
  return out;
}
