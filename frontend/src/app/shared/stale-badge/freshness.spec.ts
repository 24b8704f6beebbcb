import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Clock } from '../../core/clock';
import { describeFreshness } from './freshness';
import { StaleBadgeComponent } from './stale-badge.component';

describe('describeFreshness', () => {
  const now = 1_000_000_000;

  it('reads as live while younger than the threshold', () => {
    expect(describeFreshness(now - 10_000, now, 60_000)).toEqual({
      state: 'live',
      text: 'updated 10 s ago',
    });
  });

  it('turns stale once older than the threshold and says how old', () => {
    expect(describeFreshness(now - 5 * 60_000, now, 60_000)).toEqual({
      state: 'stale',
      text: 'stale · 5 min ago',
    });
  });

  it('honours a server-side stale flag even for fresh timestamps', () => {
    expect(describeFreshness(now, now, 60_000, true).state).toBe('stale');
  });

  it('admits when the age is unknown', () => {
    expect(describeFreshness(null, now, 60_000).state).toBe('unknown');
  });
});

describe('StaleBadgeComponent', () => {
  it('renders the age of the given timestamp against the shared clock', async () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    TestBed.configureTestingModule({
      providers: [{ provide: Clock, useValue: { now: signal(now) } }],
    });
    const fixture = TestBed.createComponent(StaleBadgeComponent);
    fixture.componentRef.setInput('fetchedAt', new Date(now - 3 * 60_000));
    fixture.componentRef.setInput('staleAfterMs', 60_000);
    await fixture.whenStable();
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('stale · 3 min ago');
  });
});
