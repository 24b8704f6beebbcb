import type { PveScalar } from './proxmox.raw.js';

/** A number from a field that may be a number, a numeric string, empty or missing. */
export function toNumber(value: PveScalar | boolean, fallback = 0): number {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : fallback;
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : fallback;
  }
  return fallback;
}

export function toOptionalNumber(value: PveScalar): number | undefined {
  const parsed = toNumber(value, NaN);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** PVE booleans: 1/0, "1"/"0", "" (unset = false); tolerates true/false from JSON-minded servers. */
export function toBool(value: PveScalar | boolean): boolean {
  if (typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'number') {
    return value !== 0;
  }
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    return text === '1' || text === 'true' || text === 'yes' || text === 'on';
  }
  return false;
}

/** Tags are read back `;`-separated, but `,` and spaces are accepted on input by PVE too. */
export function splitTags(value: PveScalar): string[] {
  if (typeof value !== 'string') {
    return [];
  }
  return value
    .split(/[;,\s]+/)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

export function splitList(value: PveScalar): string[] {
  return typeof value === 'string' ? value.split(',').filter((item) => item !== '') : [];
}
