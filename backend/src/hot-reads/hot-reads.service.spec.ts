import { describe, expect, it } from 'vitest';
import { plainCookieHeader } from './hot-reads.service.js';

describe('plainCookieHeader', () => {
  it('gives the Cookie header whatever its spelling', () => {
    expect(plainCookieHeader(['Host', 'x', 'COOKIE', 'a=1', 'Accept', '*/*'])).toBe('a=1');
  });

  it('gives undefined when there is no Cookie header', () => {
    expect(plainCookieHeader(['Host', 'x'])).toBeUndefined();
  });

  it('refuses requests the middleware would act on: token, body, cross-origin', () => {
    for (const name of ['Authorization', 'Origin', 'Content-Length', 'Transfer-Encoding']) {
      expect(plainCookieHeader(['Cookie', 'a=1', name, 'v']), name).toBe(false);
    }
  });

  it('refuses a Cookie header sent twice (Node would join them)', () => {
    expect(plainCookieHeader(['Cookie', 'a=1', 'Cookie', 'b=2'])).toBe(false);
  });
});
