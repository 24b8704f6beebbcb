import { describe, expect, it } from 'vitest';
import { TAG } from '../containers/dto/patterns.js';
import { tagSchedules } from './tag-schedules.js';

describe('tagSchedules', () => {
  it('reads pxc.schedule.0800-1800 as start at 08:00 and stop at 18:00 on weekdays', () => {
    expect(tagSchedules('pxc.schedule.0800-1800')).toEqual([
      {
        tag: 'pxc.schedule.0800-1800',
        action: 'start',
        cron: '0 8 * * 1-5',
        name: 'pxc.schedule.0800-1800: start at 08:00 on weekdays',
      },
      {
        tag: 'pxc.schedule.0800-1800',
        action: 'stop',
        cron: '0 18 * * 1-5',
        name: 'pxc.schedule.0800-1800: stop at 18:00 on weekdays',
      },
    ]);
    expect(tagSchedules('PXC.Schedule.0730-1915').map((t) => t.cron)).toEqual([
      '30 7 * * 1-5',
      '15 19 * * 1-5',
    ]);
  });

  it('is a tag Proxmox accepts, unlike the pxc.schedule=08:00-18:00 spelling', () => {
    expect(TAG.test('pxc.schedule.0800-1800')).toBe(true);
    expect(TAG.test('pxc.schedule=08:00-18:00')).toBe(false);
  });

  it('ignores other tags and windows that are not a time span within one day', () => {
    for (const tag of [
      'web',
      'pxc.schedule',
      'pxc.schedule.800-1800',
      'pxc.schedule.1800-0800',
      'pxc.schedule.0800-0800',
      'pxc.schedule.0800-2400',
      'pxc.schedule.0860-1800',
      'xpxc.schedule.0800-1800',
    ]) {
      expect(tagSchedules(tag), tag).toEqual([]);
    }
  });
});
