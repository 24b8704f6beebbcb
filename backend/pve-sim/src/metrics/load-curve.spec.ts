import { describe, expect, it } from 'vitest';
import {
  hashSeed,
  integral,
  maxOver,
  meanOver,
  randomCurve,
  seededRandom,
  valueAt,
} from './load-curve.js';

const curve = randomCurve(seededRandom(42), 0.5, 0.3);

describe('load curves', () => {
  it('stay within base ± spread at every second of a day', () => {
    for (let t = 0; t < 86_400; t += 7) {
      const v = valueAt(curve, t);
      expect(v).toBeGreaterThanOrEqual(0.2 - 1e-9);
      expect(v).toBeLessThanOrEqual(0.8 + 1e-9);
    }
  });

  it('integrate exactly (matches a fine Riemann sum)', () => {
    let sum = 0;
    for (let t = 1000; t < 4600; t += 0.5) sum += valueAt(curve, t + 0.25) * 0.5;
    expect(integral(curve, 1000, 4600)).toBeCloseTo(sum, 3);
  });

  it('give a bucket maximum at least as large as the bucket mean', () => {
    expect(maxOver(curve, 0, 1800)).toBeGreaterThanOrEqual(meanOver(curve, 0, 1800));
  });

  it('are the same for the same seed and differ for another', () => {
    const again = randomCurve(seededRandom(42), 0.5, 0.3);
    const other = randomCurve(seededRandom(43), 0.5, 0.3);
    expect(valueAt(again, 12345)).toBe(valueAt(curve, 12345));
    expect(valueAt(other, 12345)).not.toBe(valueAt(curve, 12345));
  });

  it('hash different keys of one seed to different streams', () => {
    expect(hashSeed(1, 'lxc/101')).not.toBe(hashSeed(1, 'lxc/102'));
    expect(hashSeed(1, 'lxc/101')).toBe(hashSeed(1, 'lxc/101'));
  });
});
