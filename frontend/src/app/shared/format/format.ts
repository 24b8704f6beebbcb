const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

function isUsable(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Binary units as Proxmox shows them; an unknown value is a dash, never "NaN". */
export function formatBytes(value: number | null | undefined, digits = 1): string {
  if (!isUsable(value) || value < 0) return '—';
  let unit = 0;
  let scaled = value;
  while (scaled >= 1024 && unit < BYTE_UNITS.length - 1) {
    scaled /= 1024;
    unit++;
  }
  return `${unit === 0 ? scaled : scaled.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** `ratio` is a fraction (0.42 → "42%"), the way Proxmox reports CPU use. */
export function formatPercent(ratio: number | null | undefined, digits = 0): string {
  if (!isUsable(ratio)) return '—';
  return `${(ratio * 100).toFixed(digits)}%`;
}

/** Share of `used` in `total` as a fraction, or null when the total is unknown or zero. */
export function usageRatio(
  used: number | null | undefined,
  total: number | null | undefined,
): number | null {
  if (!isUsable(used) || !isUsable(total) || total <= 0) return null;
  return Math.min(Math.max(used / total, 0), 1);
}

/** Durations in seconds: "45s", "3m 05s", "2h 04m", "3d 4h". */
export function formatDuration(seconds: number | null | undefined): string {
  if (!isUsable(seconds) || seconds < 0) return '—';
  const s = Math.floor(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${pad(s % 60)}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${pad(m % 60)}m`;
  const d = Math.floor(h / 24);
  return `${d}d ${h % 24}h`;
}

/** How long ago, for "updated 2 min ago" labels. Future times (clock skew) read as "just now". */
export function formatAge(ageMs: number | null | undefined): string {
  if (!isUsable(ageMs)) return 'unknown';
  const s = Math.floor(ageMs / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

/** Parses epoch seconds, epoch milliseconds or an ISO string into epoch milliseconds. */
export function toEpochMs(value: string | number | Date | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return isUsable(value.getTime()) ? value.getTime() : null;
  if (typeof value === 'number') {
    if (!isUsable(value)) return null;
    // Proxmox reports epoch seconds; anything below ~year 2286 in seconds is treated as seconds.
    return value < 1e10 ? value * 1000 : value;
  }
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

/** "1 core", "2 cores". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

function pad(n: number): string {
  return n.toString().padStart(2, '0');
}
