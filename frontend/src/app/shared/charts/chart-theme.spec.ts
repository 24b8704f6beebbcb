import { readChartTheme } from './chart-theme';

describe('readChartTheme', () => {
  it('resolves theme tokens to concrete colours and cleans up its probe', () => {
    const host = document.createElement('div');
    host.style.setProperty('--mat-sys-primary', 'rgb(10, 20, 30)');
    document.body.appendChild(host);
    const theme = readChartTheme(host);
    expect(theme.accent).toBe('rgb(10, 20, 30)');
    expect(theme.palette[0]).toBe('rgb(10, 20, 30)');
    expect(host.children).toHaveLength(0);
    host.remove();
  });
});
