import {
  countOf,
  formatAge,
  formatBytes,
  formatDuration,
  formatPercent,
  toEpochMs,
  usageRatio,
} from './format';
import { BytesPipe, DurationPipe, RatioPercentPipe } from './format.pipes';

describe('formatBytes', () => {
  it('keeps small values in bytes', () => expect(formatBytes(512)).toBe('512 B'));
  it('uses binary units with one decimal', () => expect(formatBytes(1536)).toBe('1.5 KiB'));
  it('scales up to gibibytes', () => expect(formatBytes(8 * 1024 ** 3)).toBe('8.0 GiB'));
  it('shows a dash for unknown or broken values instead of NaN', () => {
    expect(formatBytes(undefined)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatBytes(-1)).toBe('—');
  });
});

describe('formatPercent', () => {
  it('turns a fraction into a percentage', () => expect(formatPercent(0.423)).toBe('42%'));
  it('honours the requested digits', () => expect(formatPercent(0.4236, 1)).toBe('42.4%'));
  it('shows a dash when the value is missing', () => expect(formatPercent(null)).toBe('—'));
});

describe('usageRatio', () => {
  it('divides used by total', () => expect(usageRatio(25, 100)).toBe(0.25));
  it('is null when the total is zero or unknown', () => {
    expect(usageRatio(5, 0)).toBeNull();
    expect(usageRatio(5, undefined)).toBeNull();
  });
  it('clamps overcommitted values to 1', () => expect(usageRatio(150, 100)).toBe(1));
});

describe('formatDuration', () => {
  it('formats seconds', () => expect(formatDuration(45)).toBe('45s'));
  it('formats minutes with padded seconds', () => expect(formatDuration(185)).toBe('3m 05s'));
  it('formats hours', () => expect(formatDuration(2 * 3600 + 4 * 60)).toBe('2h 04m'));
  it('formats days', () => expect(formatDuration(3 * 86400 + 4 * 3600)).toBe('3d 4h'));
  it('shows a dash for negative input', () => expect(formatDuration(-3)).toBe('—'));
});

describe('formatAge', () => {
  it('says just now for a few seconds', () => expect(formatAge(2000)).toBe('just now'));
  it('counts seconds', () => expect(formatAge(30_000)).toBe('30 s ago'));
  it('counts minutes', () => expect(formatAge(5 * 60_000)).toBe('5 min ago'));
  it('counts hours and days', () => {
    expect(formatAge(3 * 3600_000)).toBe('3 h ago');
    expect(formatAge(50 * 3600_000)).toBe('2 d ago');
  });
  it('says unknown without a value', () => expect(formatAge(undefined)).toBe('unknown'));
});

describe('toEpochMs', () => {
  it('reads Proxmox epoch seconds', () => expect(toEpochMs(1_700_000_000)).toBe(1_700_000_000_000));
  it('keeps epoch milliseconds', () =>
    expect(toEpochMs(1_700_000_000_000)).toBe(1_700_000_000_000));
  it('parses ISO strings', () =>
    expect(toEpochMs('2026-01-01T00:00:00Z')).toBe(Date.UTC(2026, 0, 1)));
  it('rejects garbage', () => {
    expect(toEpochMs('not a date')).toBeNull();
    expect(toEpochMs(null)).toBeNull();
  });
});

describe('countOf', () => {
  it('uses the singular for one and the plural otherwise', () => {
    expect(countOf(1, 'core')).toBe('1 core');
    expect(countOf(4, 'core')).toBe('4 cores');
  });
});

describe('format pipes', () => {
  it('delegate to the pure functions', () => {
    expect(new BytesPipe().transform(2048)).toBe('2.0 KiB');
    expect(new RatioPercentPipe().transform(0.5)).toBe('50%');
    expect(new DurationPipe().transform(61)).toBe('1m 01s');
  });
});
