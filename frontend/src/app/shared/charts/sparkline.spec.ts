import { sparklinePaths } from './sparkline';

describe('sparklinePaths', () => {
  it('scales values between the bottom and the given maximum', () => {
    expect(sparklinePaths([0, 0.5, 1], 100, 20, 1).line).toBe('M0 20 L50 10 L100 0');
  });

  it('uses the largest value as the top when no maximum is given', () => {
    expect(sparklinePaths([2, 4], 10, 10).line).toBe('M0 5 L10 0');
  });

  it('breaks the line at gaps instead of drawing them as zero', () => {
    const { line, area } = sparklinePaths([1, null, 1], 10, 10, 1);
    expect(line).toBe('M0 0 M10 0');
    expect(area.match(/Z/g)).toHaveLength(2);
  });

  it('draws a flat zero line at the bottom', () => {
    expect(sparklinePaths([0, 0], 10, 8).line).toBe('M0 8 L10 8');
  });

  it('clamps values above the maximum to the top', () => {
    expect(sparklinePaths([2], 10, 10, 1).line).toBe('M0 0');
  });

  it('draws nothing without data', () => {
    expect(sparklinePaths([null, null], 10, 10)).toEqual({ line: '', area: '' });
  });
});
