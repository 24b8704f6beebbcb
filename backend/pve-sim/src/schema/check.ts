import { checkFormat } from './property-string.js';
import type { ErrorMap, PropertySchema } from './types.js';

/**
 * A port of the checks in PVE::JSONSchema (check_prop, check_object, check_type) for values
 * that arrive as strings: request parameters and the values inside property strings.
 */
export type WireValue = string | string[] | undefined;

/** PVE's add_error joins several messages for one path with a literal backslash-n. */
export function addError(errors: ErrorMap, path: string, message: string): void {
  const key = path || '_root';
  const previous = Object.hasOwn(errors, key) ? errors[key] : undefined;
  // defineProperty, so that a '__proto__' parameter name is stored like any other
  Object.defineProperty(errors, key, {
    value: previous === undefined ? message : `${previous}\\n${message}`,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

export function isNumber(value: string): boolean {
  return /^[+-]?(\d+\.\d+|\d+\.|\.\d+|\d+)([eE][+-]?\d+)?$/.test(value);
}

export function isInteger(value: string): boolean {
  return /^[+-]?\d+$/.test(value);
}

const truthy = (flag: unknown): boolean => flag !== undefined && flag !== 0 && flag !== false;

function checkScalarType(path: string, type: string, value: string, errors: ErrorMap): boolean {
  if (type === 'any' || type === 'string') return true;
  if (type === 'null') {
    addError(errors, path, `type check ('null') failed - value is not null`);
    return false;
  }
  if (type === 'array' || type === 'object' || type === 'coderef') {
    addError(errors, path, `type check ('${type}') failed`);
    return false;
  }
  // the API itself accepts only 0/1; other spellings are a property-string convenience
  const ok =
    (type === 'boolean' && (value === '1' || value === '0')) ||
    (type === 'integer' && isInteger(value)) ||
    (type === 'number' && isNumber(value)) ||
    !['boolean', 'integer', 'number'].includes(type);
  if (!ok) addError(errors, path, `type check ('${type}') failed - got '${value}'`);
  return ok;
}

function checkType(
  path: string,
  type: PropertySchema['type'],
  value: string | string[],
  errors: ErrorMap,
): boolean {
  if (!type) return true;
  if (Array.isArray(type)) {
    if (type.some((t) => checkType(path, t, value, {}))) return true;
    addError(errors, path, `type check ('${type.join('|')}') failed`);
    return false;
  }
  if (Array.isArray(value)) {
    if (type === 'array' || type === 'any') return true;
    addError(errors, path, `type check ('${type}') failed - got ARRAY`);
    return false;
  }
  return checkScalarType(path, type, value, errors);
}

function checkStringRules(
  value: string,
  schema: PropertySchema,
  path: string,
  errors: ErrorMap,
): void {
  if (schema.format !== undefined) {
    const failure = checkFormat(schema.format, value, path);
    if (failure !== undefined) return addError(errors, path, `invalid format - ${failure}`);
  }
  if (schema.pattern !== undefined && !perlPattern(schema.pattern).test(value)) {
    return addError(errors, path, 'value does not match the regex pattern');
  }
  const length = [...value].length;
  if (schema.maxLength !== undefined && length > schema.maxLength) {
    return addError(errors, path, `value may only be ${schema.maxLength} characters long`);
  }
  if (schema.minLength !== undefined && length < schema.minLength) {
    return addError(errors, path, `value must be at least ${schema.minLength} characters long`);
  }
  if (isNumber(value)) {
    if (schema.maximum !== undefined && Number(value) > schema.maximum) {
      return addError(errors, path, `value must have a maximum value of ${schema.maximum}`);
    }
    if (schema.minimum !== undefined && Number(value) < schema.minimum) {
      return addError(errors, path, `value must have a minimum value of ${schema.minimum}`);
    }
  }
  if (schema.enum && !schema.enum.some((e) => String(e) === value)) {
    const list = schema.enum.map(String).join(', ');
    addError(errors, path, `value '${value}' does not have a value in the enumeration '${list}'`);
  }
}

export function checkProp(
  value: WireValue,
  schema: PropertySchema,
  path: string,
  errors: ErrorMap,
): void {
  if (
    schema.oneOf !== undefined &&
    value !== undefined &&
    !passesOneOf(value, schema.oneOf, path)
  ) {
    addError(errors, path, 'type check failed');
    return;
  }
  if (value === undefined) {
    if (schema.type === 'null') return;
    if (!truthy(schema.optional) && !schema.alias && !schema.group) {
      addError(errors, path, 'property is missing and it is not optional');
    }
    return;
  }
  if (!checkType(path, schema.type, value, errors)) return;
  if (Array.isArray(value)) {
    if (schema.items)
      value.forEach((el, i) =>
        checkProp(el, schema.items as PropertySchema, `${path}[${i}]`, errors),
      );
    return;
  }
  checkStringRules(value, schema, path, errors);
}

function passesOneOf(value: WireValue, alternatives: unknown, path: string): boolean {
  if (!Array.isArray(alternatives)) return true;
  return alternatives.some((alt) => {
    const errors: ErrorMap = {};
    checkProp(value, alt as PropertySchema, path, errors);
    return Object.keys(errors).length === 0;
  });
}

/** check_object: every declared key (missing/required), then every given key (undeclared). */
export function checkObject(
  path: string,
  properties: Record<string, PropertySchema>,
  value: Record<string, WireValue>,
  additionalProperties: unknown,
  errors: ErrorMap,
  lookup: (key: string) => PropertySchema | undefined = (k) => properties[k],
): void {
  const join = (k: string): string => (path ? `${path}.${k}` : k);
  for (const [key, schema] of Object.entries(properties))
    checkProp(value[key], schema, join(key), errors);
  for (const key of Object.keys(value)) {
    const declared = Object.hasOwn(properties, key) ? properties[key] : undefined;
    const indexed = declared ? undefined : lookup(key);
    if (indexed) checkProp(value[key], indexed, join(key), errors);
    if (declared || indexed) {
      checkRequires(path, declared ?? indexed, key, value, errors);
    } else if (additionalProperties !== undefined && !truthy(additionalProperties)) {
      addError(errors, join(key), NOT_IN_SCHEMA);
    } else if (typeof additionalProperties === 'object' && additionalProperties !== null) {
      checkProp(value[key], additionalProperties as PropertySchema, join(key), errors);
    }
  }
}

const NOT_IN_SCHEMA =
  'property is not defined in schema and the schema does not allow additional properties';

function checkRequires(
  path: string,
  schema: PropertySchema | undefined,
  key: string,
  value: Record<string, WireValue>,
  errors: ErrorMap,
): void {
  const requires = schema?.requires;
  if (typeof requires !== 'string' || value[requires] !== undefined) return;
  const target = path ? `${path}.${requires}` : requires;
  const source = path ? `${path}.${key}` : key;
  addError(errors, target, `missing property - '${source}' requires this property`);
}

const patternCache = new Map<string, RegExp>();

/**
 * apidoc.json carries Perl-stringified regexes such as `(?^:...)` and `(?^i:...)`. Node 20 has
 * no inline modifier groups, so a `(?^i:` group makes the whole pattern case-insensitive.
 */
export function perlPattern(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    const flags = pattern.includes('(?^i:') ? 'i' : '';
    const source = pattern
      .replace(/\(\?\^i?:/g, '(?:')
      .replace(/\\z/g, '$')
      .replace(/\\A/g, '^');
    re = new RegExp(`^(?:${source})$`, flags);
    patternCache.set(pattern, re);
  }
  return re;
}
