import { CronTime } from 'cron';

/**
 * Cron expressions and time zones of schedules, read by the `cron` package (the one
 * @nestjs/schedule runs on). Five fields only: minute hour day-of-month month day-of-week, so a
 * schedule cannot fire every second.
 */
export class ScheduleTimeError extends Error {}

export function checkSchedule(cron: string, timeZone: string): void {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) {
    throw new ScheduleTimeError(
      `cron must have five fields (minute hour day-of-month month day-of-week), e.g. '0 20 * * 1-5'; got ${fields.length}`,
    );
  }
  if (!validTimeZone(timeZone)) {
    throw new ScheduleTimeError(`timeZone must be an IANA time zone such as Europe/Berlin or UTC`);
  }
  try {
    new CronTime(cron, timeZone);
  } catch (error) {
    throw new ScheduleTimeError(`cron '${cron}': ${(error as Error).message}`);
  }
}

/** The first occurrence strictly after `after` (epoch ms). */
export function nextOccurrence(cron: string, timeZone: string, after: number): number {
  const time = new CronTime(cron, timeZone);
  return time.getNextDateFrom(new Date(after), timeZone).toMillis();
}

function validTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The time zone of the console's host, for tag schedules and as the default. */
export function hostTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
