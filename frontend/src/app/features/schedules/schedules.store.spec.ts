import { ScheduleDto } from '../../api/models';
import { lastRunText, sortSchedules } from './schedules.store';

const schedule = (over: Partial<ScheduleDto>): ScheduleDto => ({
  id: 'x',
  name: 'x',
  source: 'api',
  action: 'stop',
  selector: 'tag:dev',
  params: {},
  cron: '0 20 * * 1-5',
  timeZone: 'UTC',
  enabled: true,
  role: 'operator',
  createdBy: 'alice',
  createdAt: '2026-12-07T10:00:00.000Z',
  ...over,
});

describe('sortSchedules', () => {
  it('lists schedules made here by name, then those that follow tags', () => {
    const sorted = sortSchedules([
      schedule({ id: '1', name: 'pxc.schedule.0800-1800: start', source: 'tag' }),
      schedule({ id: '2', name: 'zz' }),
      schedule({ id: '3', name: 'aa' }),
    ]);
    expect(sorted.map((s) => s.id)).toEqual(['3', '2', '1']);
  });
});

describe('lastRunText', () => {
  it('says when a schedule has not run yet', () =>
    expect(lastRunText(schedule({}))).toBe('not run yet'));
  it('shows the summary, with the state while it is not done', () => {
    const at = '2026-12-07T19:00:00.000Z';
    expect(lastRunText(schedule({ lastRun: { at, state: 'done', summary: '2 ok' } }))).toBe('2 ok');
    expect(
      lastRunText(schedule({ lastRun: { at, state: 'running', summary: '1 ok, 1 running' } })),
    ).toBe('1 ok, 1 running (running)');
    expect(
      lastRunText(schedule({ lastRun: { at, summary: 'nothing to do: no container matches' } })),
    ).toBe('nothing to do: no container matches');
  });
});
