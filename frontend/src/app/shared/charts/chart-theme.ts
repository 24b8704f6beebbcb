/** Colours for a canvas chart, resolved from the theme tokens (canvas cannot read CSS vars). */
export interface ChartTheme {
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly surface: string;
  readonly accent: string;
  readonly palette: readonly string[];
}

const PALETTE_TOKENS = [
  '--mat-sys-primary',
  '--pc-status-info',
  '--pc-status-running',
  '--mat-sys-tertiary',
  '--pc-status-warning',
  '--mat-sys-error',
  '--mat-sys-secondary',
];

/**
 * Resolves theme tokens to concrete colours by letting the browser compute them on a probe
 * element, which also resolves nested var() and light-dark() values.
 */
export function readChartTheme(host: Element = document.body): ChartTheme {
  const probe = document.createElement('span');
  probe.style.display = 'none';
  host.appendChild(probe);
  const resolve = (token: string): string => {
    probe.style.color = '';
    probe.style.color = `var(${token})`;
    const computed = getComputedStyle(probe).color;
    // Engines without var() resolution in computed styles (jsdom) get the raw token value.
    return computed.includes('var(')
      ? getComputedStyle(host).getPropertyValue(token).trim()
      : computed;
  };
  try {
    return {
      text: resolve('--mat-sys-on-surface'),
      muted: resolve('--mat-sys-on-surface-variant'),
      grid: resolve('--mat-sys-outline-variant'),
      surface: resolve('--mat-sys-surface-container-high'),
      accent: resolve('--mat-sys-primary'),
      palette: PALETTE_TOKENS.map(resolve),
    };
  } finally {
    probe.remove();
  }
}
