import { TestBed } from '@angular/core/testing';
import { UsageMeterComponent, meterLevel } from './usage-meter.component';

describe('meterLevel', () => {
  it('is normal below 80%', () => expect(meterLevel(0.5)).toBe('normal'));
  it('is high from 80%', () => expect(meterLevel(0.8)).toBe('high'));
  it('is critical from 95%', () => expect(meterLevel(0.97)).toBe('critical'));
  it('is unknown without data', () => expect(meterLevel(null)).toBe('unknown'));
});

describe('UsageMeterComponent', () => {
  it('shows the percentage and fills the bar', async () => {
    const fixture = TestBed.createComponent(UsageMeterComponent);
    fixture.componentRef.setInput('label', 'Memory');
    fixture.componentRef.setInput('ratio', 0.9);
    fixture.componentRef.setInput('detail', '900 MiB of 1 GiB');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('.value')?.textContent).toBe('90%');
    expect((el.querySelector('.fill') as HTMLElement).style.width).toBe('90%');
    expect(el.querySelector('.fill')?.classList).toContain('high');
    expect(el.querySelector('.detail')?.textContent).toContain('900 MiB');
  });
});
