import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import { AlertRuleDto } from '../../api/models';
import { AlertsService } from '../../api/services';
import { AuthStore } from '../../core/auth/auth.store';
import RulesPageComponent from './rules-page.component';

const builtin: AlertRuleDto = {
  id: 1,
  name: 'container-down',
  kind: 'container-down',
  builtin: true,
  enabled: true,
  severity: 'critical',
  scopeKind: 'all',
  forS: 0,
  channelIds: [],
};

function typeInto(el: HTMLElement, name: string, value: string): void {
  const input = el.querySelector<HTMLInputElement>(`input[formcontrolname=${name}]`)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

describe('RulesPageComponent', () => {
  it('previews the rule in the form, then creates it', async () => {
    const previewAlertRule = vi.fn(() =>
      of({
        from: '2026-12-05T20:00:00Z',
        to: '2026-12-06T20:00:00Z',
        supported: true,
        total: 1,
        firings: [
          {
            subject: { type: 'ct', vmid: 101 },
            startsAt: '2026-12-06T13:07:00Z',
            peak: 97,
            message: 'CT 101 (web) cpu above 90% for 12 min, peak 97%',
          },
        ],
      }),
    );
    const createAlertRule = vi.fn((p: { body: Record<string, unknown> }) =>
      of({ ...builtin, id: 9, builtin: false, name: 'web cpu', ...p.body }),
    );
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        {
          provide: AlertsService,
          useValue: {
            listAlertRules: () => of([builtin]),
            listAlertChannels: () => of([]),
            previewAlertRule,
            createAlertRule,
          },
        },
        { provide: AuthStore, useValue: { role: signal('admin') } },
      ],
    });
    const fixture = TestBed.createComponent(RulesPageComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-rule=container-down]')?.textContent).toContain('built in');
    expect(el.querySelector('[data-rule=container-down]')?.textContent).not.toContain('Delete');

    typeInto(el, 'name', 'web cpu');
    typeInto(el, 'threshold', '90');
    typeInto(el, 'forMinutes', '10');
    [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Preview'))!.click();
    await fixture.whenStable();
    expect(previewAlertRule).toHaveBeenCalledWith({
      body: { kind: 'cpu', scopeKind: 'all', threshold: 90, forS: 600 },
    });
    const preview = el.querySelector('.preview')!;
    expect(preview.textContent).toContain('Would have fired 1 time in the last 24 hours');
    expect(preview.textContent).toContain('CT 101 (web) cpu above 90% for 12 min, peak 97%');

    el.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await fixture.whenStable();
    expect(createAlertRule).toHaveBeenCalledWith({
      body: {
        kind: 'cpu',
        scopeKind: 'all',
        threshold: 90,
        forS: 600,
        name: 'web cpu',
        severity: 'warning',
        channelIds: [],
      },
    });
    expect(el.querySelector('[data-rule="web cpu"]')?.textContent).toContain(
      'warning · cpu above 90% for 10 min · everything · to every channel',
    );
  });
});
