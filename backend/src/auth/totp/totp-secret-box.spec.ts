import { describe, expect, it } from 'vitest';
import { TotpSecretBox } from './totp-secret-box.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('TotpSecretBox', () => {
  const box = new TotpSecretBox('a-session-secret-of-enough-length-0123456789');

  it('opens what it sealed, and the sealed text does not contain the secret', () => {
    const sealed = box.seal(7, SECRET);
    expect(sealed).not.toContain(SECRET);
    expect(box.open(7, sealed)).toBe(SECRET);
  });

  it('seals the same secret differently each time', () => {
    expect(box.seal(7, SECRET)).not.toBe(box.seal(7, SECRET));
  });

  it('refuses a secret moved to another account', () => {
    expect(box.open(8, box.seal(7, SECRET))).toBeUndefined();
  });

  it('refuses a secret sealed under another session secret, or tampered with', () => {
    const other = new TotpSecretBox('another-session-secret-of-enough-length-987');
    expect(other.open(7, box.seal(7, SECRET))).toBeUndefined();
    const sealed = box.seal(7, SECRET);
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    expect(box.open(7, flipped)).toBeUndefined();
    expect(box.open(7, 'plain')).toBeUndefined();
  });
});
