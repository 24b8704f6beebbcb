import { describe, expect, it } from 'vitest';
import { plainSessionCookieOf } from './session-cookie.js';

describe('plainSessionCookieOf', () => {
  it('finds the session cookie among others, spaces trimmed', () => {
    expect(plainSessionCookieOf('a=1; proxicloud_session=abc_DEF-123 ; b=2')).toBe('abc_DEF-123');
  });

  it('takes the first occurrence, as cookie-parser does', () => {
    expect(plainSessionCookieOf('proxicloud_session=first; proxicloud_session=second')).toBe(
      'first',
    );
  });

  it('gives undefined for values cookie-parser would decode or that cannot be ours', () => {
    for (const header of [
      'proxicloud_session="quoted"',
      'proxicloud_session=a%20b',
      'proxicloud_session=j:{}',
      'proxicloud_session=',
      `proxicloud_session=${'x'.repeat(129)}`,
    ]) {
      expect(plainSessionCookieOf(header), header).toBeUndefined();
    }
  });

  it('trims spaces and tabs only, like cookie-parser: a no-break space stays part of the text', () => {
    expect(plainSessionCookieOf('proxicloud_session=\tabc ')).toBe('abc');
    expect(plainSessionCookieOf('proxicloud_session=abc\u00a0')).toBeUndefined();
    expect(plainSessionCookieOf('\u00a0proxicloud_session=abc')).toBeUndefined();
  });

  it('gives undefined without the cookie or without a header', () => {
    expect(plainSessionCookieOf('other=1; proxicloud_sessionx=2')).toBeUndefined();
    expect(plainSessionCookieOf(undefined)).toBeUndefined();
  });
});
