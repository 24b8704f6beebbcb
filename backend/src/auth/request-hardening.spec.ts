import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, refuseDeepJson } from './request-hardening.js';

const check = (text: string) => () => refuseDeepJson(undefined, undefined, Buffer.from(text));

describe('refuseDeepJson', () => {
  it('accepts ordinary bodies and nesting up to the limit', () => {
    expect(check('{"a":[1,{"b":2}],"c":"x"}')).not.toThrow();
    expect(check('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).not.toThrow();
  });

  it('refuses deeper nesting with a 400', () => {
    try {
      check('['.repeat(MAX_JSON_DEPTH + 1))();
      expect.unreachable();
    } catch (error) {
      expect((error as { status: number }).status).toBe(400);
      expect((error as Error).message).toMatch(/nested deeper than/);
    }
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    const inString = JSON.stringify({ a: '['.repeat(100) + '\\"' + '{'.repeat(100) });
    expect(check(inString)).not.toThrow();
  });
});
