import { checkObject } from './check.js';
import { FORMAT_CHECKS, FORMATS_ACCEPTED_WITHOUT_CHECK } from './formats.js';
import type { ErrorMap, PropertySchema, PropertyStringResult } from './types.js';

type ObjectFormat = Record<string, PropertySchema>;

/** PVE::JSONSchema::parse_boolean: the spellings accepted inside property strings. */
export function parseBoolean(value: string): 0 | 1 | undefined {
  if (/^(1|on|yes|true)$/i.test(value)) return 1;
  if (/^(0|off|no|false)$/i.test(value)) return 0;
  return undefined;
}

/** PVE::Tools::split_list: NUL-separated if any NUL is present, else on commas, semicolons, blanks. */
export function splitList(text: string): string[] {
  if (text.includes('\0')) return text.split('\0');
  return text
    .replace(/[,;]/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((part) => part.length > 0);
}

class FormatError extends Error {}

/** Splits 'k=v,...' into a raw map; dies (throws) with PVE's messages on structural problems. */
function splitParts(format: ObjectFormat, data: string): Record<string, string> {
  const res = Object.create(null) as Record<string, string>;
  const has = (key: string): boolean => Object.hasOwn(format, key);
  let defaultKey: string | undefined;
  for (const part of data.split(',')) {
    if (/^\s*$/.test(part)) continue;
    const kv = /^([^=]+)=(.+)$/s.exec(part);
    if (kv) {
      let key = kv[1];
      if (res[key] !== undefined)
        throw new FormatError(`duplicate key in comma-separated list property: ${key}\n`);
      const alias = has(key) ? format[key].alias : undefined;
      if (alias) {
        const keyAlias = format[key].keyAlias;
        if (keyAlias) {
          if (res[keyAlias] !== undefined)
            throw new FormatError(`key alias '${keyAlias}' is already defined\n`);
          res[keyAlias] = key;
        }
        key = alias;
      }
      if (!has(key))
        throw new FormatError(`invalid key in comma-separated list property: ${key}\n`);
      res[key] = format[key].type === 'boolean' ? String(parseBoolean(kv[2]) ?? kv[2]) : kv[2];
    } else if (!part.includes('=')) {
      if (defaultKey)
        throw new FormatError(`duplicate key in comma-separated list property: ${defaultKey}\n`);
      defaultKey = Object.keys(format).find((k) => format[k].default_key);
      if (!defaultKey)
        throw new FormatError('value without key, but schema does not define a default key\n');
      if (res[defaultKey])
        throw new FormatError(`duplicate key in comma-separated list property: ${defaultKey}\n`);
      res[defaultKey] = part;
    } else {
      throw new FormatError('missing key in comma-separated list property\n');
    }
  }
  return res;
}

function coerce(format: ObjectFormat, raw: Record<string, string>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const type = format[key]?.type;
    if (type === 'integer' || type === 'number') values[key] = Number(value);
    else if (type === 'boolean') values[key] = value === '1';
    else values[key] = value;
  }
  return values;
}

/** PVE::Exception stringification: the message, then one 'path: message' line per error. */
function formatErrorText(errors: ErrorMap): string {
  return (
    'format error\n' +
    Object.entries(errors)
      .map(([k, v]) => `${k}: ${v}\n`)
      .join('')
  );
}

/**
 * Parses a PVE property string ('name=eth0,bridge=vmbr0,ip=dhcp') against an object format.
 * `path` prefixes per-key errors as PVE does ('net0.name: ...'); on failure `error` is the text
 * PVE puts after "invalid format - " (trailing newline included).
 */
export function parsePropertyString(
  value: string,
  format: Record<string, unknown>,
  path = '',
): PropertyStringResult {
  const objectFormat = format as ObjectFormat;
  let raw: Record<string, string>;
  try {
    raw = splitParts(objectFormat, value);
  } catch (err) {
    if (err instanceof FormatError) return { ok: false, error: err.message };
    throw err;
  }
  const errors: ErrorMap = {};
  checkObject(path, objectFormat, raw, 0, errors);
  if (Object.keys(errors).length > 0) return { ok: false, error: formatErrorText(errors) };
  return { ok: true, values: coerce(objectFormat, raw) };
}

function checkNamed(name: string, value: string): string | undefined {
  const check = FORMAT_CHECKS[name];
  if (check) return check(value);
  if (FORMATS_ACCEPTED_WITHOUT_CHECK.has(name)) return undefined;
  return `undefined format '${name}'\n`;
}

/** check_format: object formats, '-list' and '-opt' suffixes, then the named check. */
export function checkFormat(
  format: string | ObjectFormat,
  value: string,
  path: string,
): string | undefined {
  if (typeof format === 'object') {
    const result = parsePropertyString(value, format, path);
    return result.ok ? undefined : result.error;
  }
  if (format === 'regex') return undefined;
  const m = /^(.*?)(?:-(list|opt))?$/.exec(format) as RegExpExecArray;
  const [name, kind] = [m[1], m[2]];
  if (kind === 'list') {
    for (const item of splitList(value)) {
      const failure = checkNamed(name, item);
      if (failure !== undefined) return failure;
    }
    return undefined;
  }
  if (kind === 'opt' && !value) return undefined;
  return checkNamed(name, value);
}
