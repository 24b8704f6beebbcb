import { describe, expect, it } from 'vitest';
import { checkSchedule, nextOccurrence } from './schedule-time.js';

const at = (iso: string): number => Date.parse(iso);
const next = (cron: string, tz: string, after: string): string =>
  new Date(nextOccurrence(cron, tz, at(after))).toISOString();

describe('schedule time', () => {
  it('finds the next weekday occurrence in the schedule’s time zone', () => {
    // Monday 7 December 2026, 19:30 in Berlin (UTC+1)
    expect(next('0 20 * * 1-5', 'Europe/Berlin', '2026-12-07T18:30:00Z')).toBe(
      '2026-12-07T19:00:00.000Z',
    );
    // Friday evening after 20:00 -> Monday
    expect(next('0 20 * * 1-5', 'Europe/Berlin', '2026-12-11T19:00:00Z')).toBe(
      '2026-12-14T19:00:00.000Z',
    );
    expect(next('0 20 * * 1-5', 'America/New_York', '2026-12-07T18:30:00Z')).toBe(
      '2026-12-08T01:00:00.000Z',
    );
  });

  it('follows daylight saving time', () => {
    // Berlin is UTC+2 in summer: 20:00 local is 18:00 UTC
    expect(next('0 20 * * *', 'Europe/Berlin', '2026-07-01T00:00:00Z')).toBe(
      '2026-07-01T18:00:00.000Z',
    );
  });

  it('refuses what is not a five-field cron expression or a time zone, saying why', () => {
    expect(() => checkSchedule('0 20 * * 1-5', 'UTC')).not.toThrow();
    expect(() => checkSchedule('*/10 * * * * *', 'UTC')).toThrow(/five fields/);
    expect(() => checkSchedule('0 20 * *', 'UTC')).toThrow(/five fields/);
    expect(() => checkSchedule('61 20 * * *', 'UTC')).toThrow(/out of range/);
    expect(() => checkSchedule('0 20 * * 1-5', 'Mars/Olympus')).toThrow(/IANA time zone/);
  });
});
