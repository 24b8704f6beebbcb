import { hashSeed, randomCurve, seededRandom, type Curve } from './load-curve.js';

/** Per-guest load shape; fractions are of the guest's allowance, rates in bytes per second. */
export interface GuestProfile {
  cpu: Curve;
  mem: Curve;
  disk: Curve;
  swap: Curve;
  netin: Curve;
  netout: Curve;
  diskread: Curve;
  diskwrite: Curve;
  pressure: Curve;
}

export interface NodeProfile {
  cpu: Curve;
  iowait: Curve;
  mem: Curve;
  swap: Curve;
  rootfs: Curve;
  netin: Curve;
  netout: Curve;
}

function rateCurve(rand: () => number, min: number, max: number): Curve {
  const base = min * (max / min) ** rand();
  return randomCurve(rand, base, base * (0.3 + rand() * 0.6));
}

function fractionCurve(rand: () => number, lo: number, hi: number, wobble: number): Curve {
  const base = lo + (hi - lo) * rand();
  return randomCurve(rand, base, Math.min(base, 1 - base) * wobble);
}

export function guestProfile(seed: number, vmid: number): GuestProfile {
  const rand = seededRandom(hashSeed(seed, `guest/${vmid}`));
  return {
    cpu: fractionCurve(rand, 0.01, 0.35, 0.9),
    mem: fractionCurve(rand, 0.15, 0.7, 0.4),
    disk: fractionCurve(rand, 0.2, 0.6, 0.05),
    swap: fractionCurve(rand, 0.0, 0.1, 0.5),
    netin: rateCurve(rand, 2_000, 4_000_000),
    netout: rateCurve(rand, 1_000, 2_000_000),
    diskread: rateCurve(rand, 500, 1_000_000),
    diskwrite: rateCurve(rand, 1_000, 2_000_000),
    pressure: fractionCurve(rand, 0.0, 0.05, 0.9),
  };
}

export function nodeProfile(seed: number, node: string): NodeProfile {
  const rand = seededRandom(hashSeed(seed, `node/${node}`));
  return {
    cpu: fractionCurve(rand, 0.05, 0.4, 0.8),
    iowait: fractionCurve(rand, 0.0, 0.03, 0.9),
    mem: fractionCurve(rand, 0.3, 0.7, 0.3),
    swap: fractionCurve(rand, 0.0, 0.05, 0.5),
    rootfs: fractionCurve(rand, 0.1, 0.3, 0.02),
    netin: rateCurve(rand, 50_000, 20_000_000),
    netout: rateCurve(rand, 50_000, 20_000_000),
  };
}
