import { aSeries } from '../../shared/charts/series-fakes';
import {
  Subject,
  compareLines,
  csvFileName,
  keysOf,
  resolutionLabel,
  seriesStats,
  subjectName,
} from './analytics-query';

const web: Subject = { kind: 'container', vmid: 101, name: 'web-1' };
const pve1: Subject = { kind: 'node', node: 'pve1' };

describe('compareLines', () => {
  it('draws one line per selected item in milliseconds', () => {
    const lines = compareLines(
      [
        { subject: web, series: aSeries({ cpu: [0.1, 0.2] }) },
        { subject: pve1, series: aSeries({ cpu: [0.3, null] }) },
      ],
      'cpu',
      'avg',
    );
    expect(lines.map((l) => l.name)).toEqual(['web-1 (CT 101)', 'Node pve1']);
    expect(lines[0].points).toEqual([
      [1_700_000_000_000, 0.1],
      [1_700_000_060_000, 0.2],
    ]);
    expect(lines[1].points[1][1]).toBeNull();
    expect(lines[0].unit).toBe('ratio');
  });

  it('switches to maxima and skips answers without the key', () => {
    const results = [
      { subject: web, series: aSeries({ netin: [10], netout: [20] }) },
      { subject: pve1, series: aSeries({ cpu: [0.5] }) },
    ];
    const lines = compareLines(results, 'netout', 'max');
    expect(lines).toHaveLength(1);
    expect(lines[0].points[0][1]).toBe(40);
  });
});

describe('seriesStats', () => {
  it('gives latest and mean of the means and the highest peak', () => {
    const [row] = seriesStats(
      [{ subject: web, series: aSeries({ cpu: [0.2, null, 0.4] }) }],
      'cpu',
    );
    expect(row.latest).toBe(0.4);
    expect(row.mean).toBeCloseTo(0.3);
    expect(row.peak).toBe(0.8);
    expect(row.id).toBe('ct:101');
  });

  it('leaves values empty when the item has no data', () => {
    const [row] = seriesStats([{ subject: pve1, series: aSeries({ cpu: [null] }) }], 'cpu');
    expect([row.latest, row.mean, row.peak]).toEqual([null, null, null]);
    expect(seriesStats([{ subject: pve1, series: aSeries() }], 'mem')[0].unit).toBeNull();
  });
});

describe('naming', () => {
  it('lists the data sources of each metric', () => {
    expect(keysOf('network')).toEqual(['netin', 'netout']);
    expect(keysOf('memory')).toEqual(['mem']);
  });

  it('names subjects and CSV files by range or window start', () => {
    expect(subjectName(pve1)).toBe('Node pve1');
    expect(csvFileName(web, 'network', '24h')).toBe('proxicloud-ct-101-network-24h.csv');
    expect(csvFileName(pve1, 'cpu', { from: 1_700_000_000, to: 1_700_003_600 })).toBe(
      'proxicloud-node-pve1-cpu-20231114T2213.csv',
    );
  });

  it('describes the resolution of an answer', () => {
    expect(resolutionLabel(aSeries({ cpu: [1] }, { step: 300, source: '5m' }))).toBe(
      '5-minute points from 5m roll-ups',
    );
    expect(resolutionLabel(aSeries({ cpu: [1] }, { step: 3600, source: '1h' }))).toBe(
      '1-hour points from 1h roll-ups',
    );
    expect(resolutionLabel(aSeries({ cpu: [1] }, { step: 10, source: 'raw' }))).toBe(
      '10-second points from raw samples',
    );
    expect(resolutionLabel(undefined)).toBe('');
  });
});
