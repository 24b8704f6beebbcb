import { NO_FILTERS, activityQuery, pageLabel } from './activity-query';

const now = Date.parse('2026-11-26T05:00:00Z');

describe('activityQuery', () => {
  it('leaves empty filters out', () => {
    expect(activityQuery(NO_FILTERS, now)).toEqual({});
  });

  it('passes trimmed text filters and the result', () => {
    expect(
      activityQuery(
        { ...NO_FILTERS, actor: ' alice ', action: 'stop', target: 'ct/', result: 'error' },
        now,
      ),
    ).toEqual({ actor: 'alice', action: 'stop', target: 'ct/', result: 'error' });
  });

  it('turns a preset range into a start time before now', () => {
    expect(activityQuery({ ...NO_FILTERS, range: '24h' }, now)).toEqual({
      since: '2026-11-25T05:00:00.000Z',
    });
  });

  it('uses both ends of a custom range and skips a missing end', () => {
    const from = '2026-11-20T10:00';
    const query = activityQuery({ ...NO_FILTERS, range: 'custom', from, to: '' }, now);
    expect(query).toEqual({ since: new Date(from).toISOString() });
  });

  it('ignores the custom fields unless the range is custom', () => {
    expect(activityQuery({ ...NO_FILTERS, from: '2026-11-20T10:00' }, now)).toEqual({});
  });
});

describe('pageLabel', () => {
  it('counts from one', () => {
    expect(pageLabel(50, 50, 230)).toBe('51–100 of 230');
    expect(pageLabel(0, 0, 0)).toBe('No entries');
  });
});
