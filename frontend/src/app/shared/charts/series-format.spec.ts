import { formatAxisValue, formatSeriesValue, seriesLabel } from './series-format';

describe('formatSeriesValue', () => {
  it('shows CPU ratios as percent', () => {
    expect(formatSeriesValue(0.425, 'ratio')).toBe('42.5%');
  });

  it('shows memory and disk in binary units', () => {
    expect(formatSeriesValue(3 * 1024 ** 3, 'bytes')).toBe('3.0 GiB');
  });

  it('shows I/O as bytes per second', () => {
    expect(formatSeriesValue(2048, 'bytes/s')).toBe('2.0 KiB/s');
  });

  it('shows a gap as a dash without a unit', () => {
    expect(formatSeriesValue(null, 'bytes/s')).toBe('—');
    expect(formatSeriesValue(undefined, 'ratio')).toBe('—');
  });

  it('keeps axis ticks short without merging neighbours', () => {
    expect(formatAxisValue(0.5, 'ratio')).toBe('50%');
    expect(formatAxisValue(2048, 'bytes')).toBe('2 KiB');
    expect(formatAxisValue(1.5 * 1024 ** 2, 'bytes/s')).toBe('1.5 MiB/s');
    expect(formatAxisValue(0.125, 'ratio')).toBe('12.5%');
  });
});

describe('seriesLabel', () => {
  it('names known data sources and passes unknown ones through', () => {
    expect(seriesLabel('netin')).toBe('Network in');
    expect(seriesLabel('swap')).toBe('swap');
  });
});
