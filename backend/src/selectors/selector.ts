/**
 * The one selector language of the console: space-separated terms that must all match, e.g.
 * `tag:web node:pve1 status:running name:web-* vmid:100-120 pool:prod -tag:legacy`. A bare word
 * matches the name, the VMID or a tag. The container list, plans and schedules all resolve
 * selectors through this module, so a selector means the same everywhere.
 */

/** What a selector looks at: the fields of a container in the cluster list. */
export interface SelectorSubject {
  vmid: number;
  name: string;
  node: string;
  status: string;
  tags: readonly string[];
  pool?: string;
}

export const SELECTOR_KEYS = ['tag', 'node', 'status', 'name', 'vmid', 'pool'] as const;
export type SelectorKey = (typeof SELECTOR_KEYS)[number];
export const SELECTOR_STATUSES = ['running', 'stopped', 'paused', 'unknown'] as const;
export const SELECTOR_MAX_LENGTH = 500;
const VMID_MAX = 999_999_999;

export interface SelectorTerm {
  /** the term as written, e.g. `-tag:prod` */
  readonly text: string;
  readonly key: SelectorKey | 'any';
  readonly negated: boolean;
  readonly test: (subject: SelectorSubject) => boolean;
}

export interface Selector {
  readonly text: string;
  readonly terms: readonly SelectorTerm[];
}

/** A selector that cannot be read; the message says which term and how to fix it. */
export class SelectorSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorSyntaxError';
  }
}

/** Parses a selector; an empty text selects everything. Throws SelectorSyntaxError. */
export function parseSelector(text: string): Selector {
  if (text.length > SELECTOR_MAX_LENGTH) {
    throw new SelectorSyntaxError(`A selector has at most ${SELECTOR_MAX_LENGTH} characters`);
  }
  const terms = text.split(/\s+/).filter(Boolean).map(parseTerm);
  return { text: terms.map((t) => t.text).join(' '), terms };
}

export function matchesSelector(selector: Selector, subject: SelectorSubject): boolean {
  return selector.terms.every((t) => t.test(subject) !== t.negated);
}

/** Parses and filters in one go (throws SelectorSyntaxError). */
export function selectMatching<T extends SelectorSubject>(
  text: string,
  subjects: readonly T[],
): T[] {
  const selector = parseSelector(text);
  return subjects.filter((s) => matchesSelector(selector, s));
}

function parseTerm(raw: string): SelectorTerm {
  const negated = raw.startsWith('-') && raw.length > 1;
  const body = negated ? raw.slice(1) : raw;
  const colon = body.indexOf(':');
  if (colon < 0) return { text: raw, key: 'any', negated, test: bareWord(body) };
  const key = body.slice(0, colon).toLowerCase();
  const value = body.slice(colon + 1);
  if (!isKey(key)) {
    throw new SelectorSyntaxError(
      `Unknown selector key "${key}" in "${raw}": use ${SELECTOR_KEYS.map((k) => `${k}:`).join(', ')}`,
    );
  }
  if (!value) throw new SelectorSyntaxError(`"${raw}" needs a value after the colon`);
  return { text: raw, key, negated, test: KEY_TESTS[key](value, raw) };
}

function isKey(key: string): key is SelectorKey {
  return (SELECTOR_KEYS as readonly string[]).includes(key);
}

type TestFactory = (value: string, raw: string) => (s: SelectorSubject) => boolean;

const KEY_TESTS: Record<SelectorKey, TestFactory> = {
  tag: (value) => {
    const match = glob(value);
    return (s) => s.tags.some(match);
  },
  node: (value) => {
    const match = glob(value);
    return (s) => match(s.node);
  },
  name: (value) => {
    const match = glob(value);
    return (s) => match(s.name);
  },
  pool: (value) => {
    const match = glob(value);
    return (s) => s.pool !== undefined && match(s.pool);
  },
  status: (value, raw) => {
    const status = value.toLowerCase();
    if (!(SELECTOR_STATUSES as readonly string[]).includes(status)) {
      throw new SelectorSyntaxError(`"${raw}": status is one of ${SELECTOR_STATUSES.join(', ')}`);
    }
    return (s) => s.status === status;
  },
  vmid: (value, raw) => {
    const [from, to] = vmidRange(value, raw);
    return (s) => s.vmid >= from && s.vmid <= to;
  },
};

/** `100`, `100-120`, `100-` (and up) or `-120` (up to). */
function vmidRange(value: string, raw: string): [number, number] {
  const m = /^(\d*)-(\d*)$/.exec(value) ?? /^(\d+)$/.exec(value);
  const fail = (): never => {
    throw new SelectorSyntaxError(`"${raw}": vmid takes a number or a range such as vmid:100-120`);
  };
  if (!m) return fail();
  const single = m.length === 2;
  const from = m[1] ? Number(m[1]) : 0;
  const to = single ? from : m[2] ? Number(m[2]) : VMID_MAX;
  if ((!single && !m[1] && !m[2]) || from > to) return fail();
  return [from, to];
}

/** Case-insensitive shell glob (`*`, `?`) matching the whole value. */
export function glob(pattern: string): (value: string) => boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  const re = new RegExp(`^${source}$`, 'i');
  return (value) => re.test(value);
}

/** A bare word: part of the name, the VMID (or its start) or a tag; globs match whole values. */
function bareWord(word: string): (s: SelectorSubject) => boolean {
  if (/[*?]/.test(word)) {
    const match = glob(word);
    return (s) => match(s.name) || match(String(s.vmid)) || s.tags.some(match);
  }
  const lower = word.toLowerCase();
  return (s) =>
    s.name.toLowerCase().includes(lower) ||
    String(s.vmid).startsWith(lower) ||
    s.tags.some((t) => t.toLowerCase().includes(lower));
}
