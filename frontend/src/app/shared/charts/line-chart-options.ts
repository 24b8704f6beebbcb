import type { EChartsCoreOption } from 'echarts/core';
import { ChartTheme } from './chart-theme';
import { SeriesUnit, formatAxisValue, formatSeriesValue } from './series-format';

/** One line of a time chart: points are [epoch milliseconds, value or null for a gap]. */
export interface ChartLine {
  readonly name: string;
  readonly unit: SeriesUnit;
  readonly points: readonly (readonly [number, number | null])[];
}

/**
 * ECharts option for a zoomable time chart with a brush to pick a window. All lines share the
 * unit of the first one: callers chart one data source at a time, so units never mix.
 */
export function buildLineChartOption(
  lines: readonly ChartLine[],
  theme: ChartTheme,
): EChartsCoreOption {
  const unit: SeriesUnit = lines[0]?.unit ?? 'ratio';
  const axisLine = { lineStyle: { color: theme.grid } };
  return {
    backgroundColor: 'transparent',
    animation: false,
    color: [...theme.palette],
    textStyle: { color: theme.text },
    grid: { left: 72, right: 24, top: 48, bottom: 80 },
    legend: { type: 'scroll', top: 0, left: 0, right: 80, textStyle: { color: theme.text } },
    tooltip: {
      trigger: 'axis',
      backgroundColor: theme.surface,
      borderColor: theme.grid,
      textStyle: { color: theme.text },
      valueFormatter: (value: unknown) =>
        formatSeriesValue(typeof value === 'number' ? value : null, unit),
    },
    toolbox: {
      right: 0,
      top: 0,
      iconStyle: { borderColor: theme.muted },
      feature: {
        brush: {
          type: ['lineX', 'clear'],
          title: { lineX: 'Select a window to load in detail', clear: 'Clear the selection' },
        },
      },
    },
    brush: {
      xAxisIndex: 0,
      brushStyle: { color: 'rgba(128, 128, 128, 0.2)', borderColor: theme.accent },
    },
    xAxis: {
      type: 'time',
      axisLine,
      axisLabel: { color: theme.muted, hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: 0,
      axisLabel: { color: theme.muted, formatter: (value: number) => formatAxisValue(value, unit) },
      splitLine: { lineStyle: { color: theme.grid, opacity: 0.5 } },
    },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0 },
      {
        type: 'slider',
        xAxisIndex: 0,
        bottom: 16,
        height: 24,
        borderColor: theme.grid,
        textStyle: { color: theme.muted },
      },
    ],
    series: lines.map((line) => ({
      type: 'line',
      name: line.name,
      data: line.points.map(([t, v]) => [t, v]),
      showSymbol: false,
      connectNulls: false,
      lineStyle: { width: 1.5 },
      emphasis: { focus: 'series' },
    })),
  };
}

/** A window the user brushed on the time axis, in epoch seconds; null when nothing usable. */
export function brushedWindow(event: unknown): { from: number; to: number } | null {
  const areas = (event as { areas?: { coordRange?: unknown }[] } | null)?.areas;
  const range = areas?.[0]?.coordRange;
  if (!Array.isArray(range) || range.length !== 2) return null;
  const [a, b] = range.map((v) => Math.round(Number(v) / 1000));
  const from = Math.min(a, b);
  const to = Math.max(a, b);
  if (!Number.isFinite(from) || !Number.isFinite(to) || to - from < 60) return null;
  return { from, to };
}
