import { ChartLine, brushedWindow, buildLineChartOption } from './line-chart-options';
import { ChartTheme } from './chart-theme';

const theme: ChartTheme = {
  text: 'rgb(1, 1, 1)',
  muted: 'rgb(2, 2, 2)',
  grid: 'rgb(3, 3, 3)',
  surface: 'rgb(4, 4, 4)',
  accent: 'rgb(5, 5, 5)',
  palette: ['rgb(6, 6, 6)', 'rgb(7, 7, 7)'],
};

const cpu: ChartLine = {
  name: 'web-1',
  unit: 'ratio',
  points: [
    [1000, 0.25],
    [2000, null],
  ],
};

interface TestOption {
  color: string[];
  series: { type: string; name: string; data: unknown[]; connectNulls: boolean }[];
  yAxis: { axisLabel: { formatter: (v: number) => string } };
  tooltip: { valueFormatter: (v: unknown) => string };
  xAxis: { type: string };
  dataZoom: { type: string }[];
  brush: { xAxisIndex: number };
}

function build(lines: ChartLine[]): TestOption {
  return buildLineChartOption(lines, theme) as unknown as TestOption;
}

describe('buildLineChartOption', () => {
  it('draws one time-axis line per input, keeping gaps as gaps', () => {
    const option = build([cpu, { ...cpu, name: 'db-1' }]);
    expect(option.xAxis.type).toBe('time');
    expect(option.series.map((s) => s.name)).toEqual(['web-1', 'db-1']);
    expect(option.series[0].data).toEqual([
      [1000, 0.25],
      [2000, null],
    ]);
    expect(option.series[0].connectNulls).toBe(false);
  });

  it('labels axis and tooltip in the unit of the data', () => {
    const percent = build([cpu]);
    expect(percent.yAxis.axisLabel.formatter(0.5)).toBe('50%');
    expect(percent.tooltip.valueFormatter(0.255)).toBe('25.5%');
    const rate = build([{ ...cpu, unit: 'bytes/s' }]);
    expect(rate.yAxis.axisLabel.formatter(1024)).toBe('1 KiB/s');
    expect(rate.yAxis.axisLabel.formatter(1536)).toBe('1.5 KiB/s');
    expect(rate.tooltip.valueFormatter('-')).toBe('—');
  });

  it('uses the theme palette and offers zoom and a time brush', () => {
    const option = build([cpu]);
    expect(option.color).toEqual(['rgb(6, 6, 6)', 'rgb(7, 7, 7)']);
    expect(option.dataZoom.map((z) => z.type)).toEqual(['inside', 'slider']);
    expect(option.brush.xAxisIndex).toBe(0);
  });

  it('builds an empty chart without lines', () => {
    expect(build([]).series).toEqual([]);
  });
});

describe('brushedWindow', () => {
  it('turns a brushed range in milliseconds into an ordered window in seconds', () => {
    const event = { areas: [{ coordRange: [1_700_003_600_000, 1_700_000_000_000] }] };
    expect(brushedWindow(event)).toEqual({ from: 1_700_000_000, to: 1_700_003_600 });
  });

  it('ignores cleared brushes and windows under a minute', () => {
    expect(brushedWindow({ areas: [] })).toBeNull();
    expect(brushedWindow(null)).toBeNull();
    expect(brushedWindow({ areas: [{ coordRange: [0, 30_000] }] })).toBeNull();
  });
});
