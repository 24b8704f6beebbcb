import type { PlanAction } from '../plans/plan-actions.js';

/**
 * Tag schedules: a CT tagged `pxc.schedule.0800-1800` runs from 08:00 to 18:00 on weekdays
 * (started at 08:00, stopped at 18:00, Monday to Friday, in the console host's time zone). The
 * issue's spelling `pxc.schedule=08:00-18:00` cannot be set in Proxmox: a tag may hold only
 * letters, digits, '_', '-', '+' and '.' (pve-common PVE/JSONSchema.pm, format `pve-tag`).
 */
export const TAG_SCHEDULE = /^pxc\.schedule\.([0-2]\d)([0-5]\d)-([0-2]\d)([0-5]\d)$/;

export interface TagScheduleSpec {
  tag: string;
  action: Extract<PlanAction, 'start' | 'stop'>;
  cron: string;
  name: string;
}

/** The start and stop schedules a tag stands for, or [] when it is not a (valid) schedule tag. */
export function tagSchedules(tag: string): TagScheduleSpec[] {
  const m = TAG_SCHEDULE.exec(tag.toLowerCase());
  if (!m) return [];
  const [from, to] = [
    [Number(m[1]), Number(m[2])],
    [Number(m[3]), Number(m[4])],
  ];
  // a window ends the same day after it starts; 24:00 and later are not times of day
  if (from[0] > 23 || to[0] > 23 || from[0] * 60 + from[1] >= to[0] * 60 + to[1]) return [];
  const at = ([h, min]: number[]): string => `${min} ${h} * * 1-5`;
  const clock = ([h, min]: number[]): string =>
    `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
  const tagLower = tag.toLowerCase();
  return [
    {
      tag: tagLower,
      action: 'start',
      cron: at(from),
      name: `${tagLower}: start at ${clock(from)} on weekdays`,
    },
    {
      tag: tagLower,
      action: 'stop',
      cron: at(to),
      name: `${tagLower}: stop at ${clock(to)} on weekdays`,
    },
  ];
}
