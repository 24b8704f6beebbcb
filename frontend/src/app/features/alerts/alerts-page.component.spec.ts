import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import { AlertDto } from '../../api/models';
import { AlertsService } from '../../api/services';
import { AuthStore } from '../../core/auth/auth.store';
import AlertsPageComponent, { subjectLine } from './alerts-page.component';
import { ackLine } from './alerts.store';

const alert = (id: number, overrides: Partial<AlertDto> = {}): AlertDto => ({
  id,
  ruleId: 1,
  rule: 'container-down',
  kind: 'container-down',
  state: 'firing',
  severity: 'critical',
  subject: { type: 'ct', vmid: 101, node: 'pve1', name: 'web' },
  message: 'CT 101 (web) on pve1 stopped',
  startsAt: '2026-12-06T14:02:00Z',
  ...overrides,
});

function render(api: Record<string, unknown>, role = 'operator') {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      { provide: AlertsService, useValue: api },
      { provide: AuthStore, useValue: { role: signal(role) } },
    ],
  });
  return TestBed.createComponent(AlertsPageComponent);
}

describe('AlertsPageComponent', () => {
  it('acknowledges a firing alert with a note and shows who and the note', async () => {
    const listAlerts = vi.fn(() => of({ items: [alert(7)], total: 1, firing: 1 }));
    const ackAlert = vi.fn(() =>
      of(alert(7, { ackBy: 'alice', ackNote: 'disk replaced', ackAt: '2026-12-06T14:05:00Z' })),
    );
    const fixture = render({ listAlerts, ackAlert });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(listAlerts).toHaveBeenCalledWith({ state: 'firing', limit: 200 });
    expect(el.textContent).toContain('Firing (1)');
    const button = [...el.querySelectorAll('button')].find((b) =>
      b.textContent?.includes('Acknowledge'),
    )!;
    button.click();
    await fixture.whenStable();
    const note = el.querySelector<HTMLInputElement>('input[name=note]')!;
    note.value = 'disk replaced';
    note.dispatchEvent(new Event('input'));
    el.querySelector<HTMLFormElement>('.ack-form')!.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(ackAlert).toHaveBeenCalledWith({ id: 7, body: { note: 'disk replaced' } });
    expect(el.querySelector('.acked')?.textContent).toContain(
      'Acknowledged by alice: disk replaced',
    );
    expect(el.querySelector('.ack-form')).toBeNull();
  });

  it('shows the history with the reason a suppressed alert was not sent', async () => {
    const suppressed = alert(3, {
      state: 'suppressed',
      explanation: 'stop by alice via console at 14:02; not alerted',
      endsAt: '2026-12-06T14:10:00Z',
    });
    const listAlerts = vi.fn((p: { state?: string }) =>
      of(
        p.state ? { items: [], total: 0, firing: 0 } : { items: [suppressed], total: 1, firing: 0 },
      ),
    );
    const fixture = render({ listAlerts }, 'viewer');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent).toContain('Nothing is firing.');
    [...el.querySelectorAll('mat-button-toggle button')]
      .find((b) => b.textContent?.includes('History'))!
      .dispatchEvent(new MouseEvent('click'));
    await fixture.whenStable();
    expect(listAlerts).toHaveBeenLastCalledWith({ state: undefined, limit: 200 });
    expect(el.querySelector('.explanation')?.textContent).toContain(
      'stop by alice via console at 14:02; not alerted',
    );
    expect(el.textContent).not.toContain('Acknowledge');
  });
});

describe('alert lines', () => {
  it('names the subject and the acknowledgement in words', () => {
    expect(subjectLine(alert(1))).toBe('CT 101 (web) on pve1');
    expect(subjectLine(alert(1, { subject: { type: 'node', node: 'pve2' } }))).toBe('node pve2');
    expect(subjectLine(alert(1, { subject: { type: 'proxmox' } }))).toBe('Proxmox');
    expect(ackLine(alert(1))).toBeNull();
    expect(ackLine(alert(1, { ackBy: 'bob' }))).toBe('Acknowledged by bob');
  });
});
