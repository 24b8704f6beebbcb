import { TestBed } from '@angular/core/testing';
import { SparklineComponent } from './sparkline.component';

async function render(values: (number | null)[]) {
  const fixture = TestBed.createComponent(SparklineComponent);
  fixture.componentRef.setInput('label', 'CPU');
  fixture.componentRef.setInput('values', values);
  fixture.componentRef.setInput('max', 1);
  fixture.componentRef.setInput('current', '50%');
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

describe('SparklineComponent', () => {
  it('draws the trend and announces the latest value', async () => {
    const el = await render([0, 0.5]);
    expect(el.querySelector('path.line')?.getAttribute('d')).toBe('M0 28 L120 14');
    expect(el.querySelector('svg')?.getAttribute('aria-label')).toBe('CPU, last hour: now 50%');
    expect(el.querySelector('.value')?.textContent).toBe('50%');
  });

  it('draws a dashed baseline when there is no data yet', async () => {
    const el = await render([]);
    expect(el.querySelector('path.line')).toBeNull();
    expect(el.querySelector('line.none')).not.toBeNull();
  });
});
