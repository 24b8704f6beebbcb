/**
 * Smooth, seedable load curves: a base plus a few sine waves. Sines integrate in closed form, so
 * byte counters (integrals of a rate) and RRD bucket averages are exact and cost O(1) per point,
 * which keeps a 1,000-CT cluster and a 1,440-point rrddata answer cheap.
 */
export interface Wave {
  amp: number;
  period: number;
  phase: number;
}

export interface Curve {
  base: number;
  waves: Wave[];
}

const TWO_PI = 2 * Math.PI;

export function valueAt(curve: Curve, t: number): number {
  let v = curve.base;
  for (const w of curve.waves) v += w.amp * Math.sin((TWO_PI * t) / w.period + w.phase);
  return v;
}

/** Exact integral of the curve from t0 to t1 (seconds). */
export function integral(curve: Curve, t0: number, t1: number): number {
  let v = curve.base * (t1 - t0);
  for (const w of curve.waves) {
    const k = TWO_PI / w.period;
    v += (w.amp / k) * (Math.cos(k * t0 + w.phase) - Math.cos(k * t1 + w.phase));
  }
  return v;
}

export function meanOver(curve: Curve, t0: number, t1: number): number {
  return t1 > t0 ? integral(curve, t0, t1) / (t1 - t0) : valueAt(curve, t0);
}

/** Largest value seen at the 60 s samples rrdcached would have received in [t0, t1). */
export function maxOver(curve: Curve, t0: number, t1: number): number {
  const step = Math.max(60, (t1 - t0) / 16);
  let best = -Infinity;
  for (let t = t0 + step / 2; t < t1; t += step)
    best = Math.max(best, meanOver(curve, t - 30, t + 30));
  return best === -Infinity ? valueAt(curve, t0) : best;
}

/** mulberry32: tiny, fast and good enough for deterministic demo data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashSeed(seed: number, key: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * A curve that stays inside [base - spread, base + spread]: the wave amplitudes sum to `spread`,
 * so values never need clamping (clamping would break the closed-form integral).
 */
export function randomCurve(rand: () => number, base: number, spread: number): Curve {
  const periods = [86_400, 3_600 + rand() * 3_600, 300 + rand() * 600];
  const weights = periods.map(() => 0.2 + rand());
  const total = weights.reduce((a, b) => a + b, 0);
  return {
    base,
    waves: periods.map((period, i) => ({
      period,
      amp: (spread * weights[i]) / total,
      phase: rand() * TWO_PI,
    })),
  };
}
