import { of, throwError } from 'rxjs';
import { TrendSet, trendOf } from './trend';
import { aSeries } from './series-fakes';

describe('trendOf', () => {
  it('takes the chosen key and its latest non-empty value', () => {
    const trend = trendOf(aSeries({ cpu: [0.1, 0.3, null] }), 'cpu');
    expect(trend?.values).toEqual([0.1, 0.3, null]);
    expect(trend?.last).toBe(0.3);
    expect(trend?.text).toBe('30.0%');
    expect(trend?.max).toBe(1);
  });

  it('scales memory to the capacity and leaves rates open-ended', () => {
    const dto = aSeries({ mem: [1024], netin: [5] }, { capacity: 2048 });
    expect(trendOf(dto, 'mem')?.max).toBe(2048);
    expect(trendOf(dto, 'netin')?.max).toBeNull();
    expect(trendOf(dto, 'netin')?.text).toBe('5 B/s');
  });

  it('can read the maxima instead of the means', () => {
    expect(trendOf(aSeries({ cpu: [0.1] }), 'cpu', 'max')?.values).toEqual([0.2]);
  });

  it('is null for a missing answer or key', () => {
    expect(trendOf(undefined, 'cpu')).toBeNull();
    expect(trendOf(aSeries(), 'mem')).toBeNull();
  });
});

describe('TrendSet', () => {
  it('loads named answers together', async () => {
    const set = new TrendSet();
    await set.load({ a: of(aSeries({ cpu: [0.5] })), b: of(aSeries({ mem: [1] })) });
    expect(set.trend('a', 'cpu')?.last).toBe(0.5);
    expect(set.trend('b', 'mem')?.last).toBe(1);
    expect(set.trend('c', 'cpu')).toBeNull();
  });

  it('reports a failure and clears when there is nothing to load', async () => {
    const set = new TrendSet();
    await set.load({ a: throwError(() => new Error('boom')) });
    expect(set.error()).toBeTruthy();
    await set.load({});
    expect(set.error()).toBeNull();
    expect(set.data()).toBeUndefined();
  });
});
