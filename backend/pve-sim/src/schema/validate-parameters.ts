import { checkObject, type WireValue } from './check.js';
import type { ApiEndpoint, ErrorMap, PropertySchema, ValidationResult } from './types.js';

/**
 * How many instances PVE registers for each indexed option that apidoc.json collapses to
 * `name[n]` (net0..net31 etc.). Only `net` (pve-container $MAX_LXC_NETWORKS = 32) was re-read
 * from source; the others are the upstream values as remembered and unverified here.
 */
export const INDEXED_PARAM_COUNTS: Readonly<Record<string, number>> = {
  net: 32,
  mp: 256,
  unused: 256,
  dev: 256,
  ide: 4,
  sata: 6,
  scsi: 31,
  virtio: 16,
  hostpci: 16,
  usb: 14,
  serial: 4,
  parallel: 3,
  ipconfig: 32,
  numa: 8,
  virtiofs: 10,
  link: 8,
  acmedomain: 6,
};

const DEFAULT_INDEXED_COUNT = 32;

interface SplitSchema {
  plain: Record<string, PropertySchema>;
  indexed: Map<string, PropertySchema>;
}

const splitCache = new WeakMap<object, SplitSchema>();

/** Separates 'net[n]' entries from plain properties, once per endpoint. */
function splitProperties(properties: Record<string, PropertySchema>): SplitSchema {
  let split = splitCache.get(properties);
  if (!split) {
    split = { plain: {}, indexed: new Map() };
    for (const [name, schema] of Object.entries(properties)) {
      const m = /^(.+)\[n\]$/.exec(name);
      if (m) split.indexed.set(m[1], schema);
      else split.plain[name] = schema;
    }
    splitCache.set(properties, split);
  }
  return split;
}

function indexedLookup(
  indexed: Map<string, PropertySchema>,
): (key: string) => PropertySchema | undefined {
  return (key) => {
    const m = /^([a-z][a-z_-]*?)(\d+)$/i.exec(key);
    if (!m || (m[2].length > 1 && m[2].startsWith('0'))) return undefined;
    const schema = indexed.get(m[1]);
    const count = INDEXED_PARAM_COUNTS[m[1]] ?? DEFAULT_INDEXED_COUNT;
    return schema && Number(m[2]) < count ? schema : undefined;
  };
}

/** Repeated keys arrive as arrays; PVE's decode_urlencoded joins them with NUL like CGI.pm. */
function toWire(value: string | string[]): string {
  return Array.isArray(value) ? value.join('\0') : value;
}

function coerceValue(schema: PropertySchema | undefined, value: string): unknown {
  if (schema?.type === 'integer' || schema?.type === 'number') return Number(value);
  if (schema?.type === 'boolean') return value === '1';
  if (schema?.type === 'array') return value.split('\0');
  return value;
}

/**
 * Validates one request as PVE does: URI parameters and query/body parameters are merged
 * (a name present in both is "duplicate parameter (already defined in URI)", whatever the
 * values), `_dc` is dropped, then the merged map is checked against the endpoint's schema.
 * An empty value counts as absent in the checks, because PVE's decode_urlencoded turns `k=`
 * into undef; it is still returned as '' so handlers can see that the key was sent.
 */
export function validateParameters(
  endpoint: ApiEndpoint,
  pathParams: Record<string, string>,
  input: Record<string, string | string[]>,
): ValidationResult {
  // no prototype, so a '__proto__' key is just an undeclared parameter
  const merged = Object.assign(Object.create(null) as Record<string, string>, pathParams);
  for (const [key, raw] of Object.entries(input)) {
    if (key === '_dc') continue;
    if (Object.hasOwn(pathParams, key)) {
      return { ok: false, errors: { [key]: 'duplicate parameter (already defined in URI)' } };
    }
    merged[key] = toWire(raw);
  }
  const { plain, indexed } = splitProperties(endpoint.parameters.properties ?? {});
  const lookup = indexedLookup(indexed);
  const errors: ErrorMap = {};
  const wire = Object.create(null) as Record<string, WireValue>;
  for (const [key, value] of Object.entries(merged)) {
    const isArray = (plain[key] ?? lookup(key))?.type === 'array';
    wire[key] = value === '' ? undefined : isArray ? value.split('\0') : value;
  }
  checkObject('', plain, wire, endpoint.parameters.additionalProperties, errors, lookup);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(merged)) {
    values[key] = value === '' ? '' : coerceValue(plain[key] ?? lookup(key), value);
  }
  return { ok: true, values };
}
