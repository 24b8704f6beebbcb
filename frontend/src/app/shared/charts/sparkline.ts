export interface SparklinePaths {
  /** SVG path for the line; gaps (null) start a new sub-path instead of dropping to zero. */
  readonly line: string;
  /** Closed path under the line, for a faint fill. */
  readonly area: string;
}

const EMPTY: SparklinePaths = { line: '', area: '' };

/**
 * Scales `values` into a `width` × `height` box with zero at the bottom. The top is `max` when
 * given (e.g. 100 % CPU or the memory limit), otherwise the largest value, so flat zero lines
 * still draw at the bottom.
 */
export function sparklinePaths(
  values: readonly (number | null)[],
  width: number,
  height: number,
  max?: number | null,
): SparklinePaths {
  const usable = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (!usable.length) return EMPTY;
  const top = max && max > 0 ? max : Math.max(...usable) || 1;
  const stepX = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (v: number): number => height - (Math.min(Math.max(v, 0), top) / top) * height;
  const runs: [number, number][][] = [];
  let run: [number, number][] = [];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (run.length) runs.push(run);
      run = [];
      return;
    }
    run.push([round(i * stepX), round(y(v))]);
  });
  if (run.length) runs.push(run);
  const line = runs.map((r) => r.map(([x, yy], i) => `${i ? 'L' : 'M'}${x} ${yy}`).join(' '));
  const area = runs.map(
    (r) =>
      `M${r[0][0]} ${height} ${r.map(([x, yy]) => `L${x} ${yy}`).join(' ')} L${r[r.length - 1][0]} ${height} Z`,
  );
  return { line: line.join(' '), area: area.join(' ') };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
