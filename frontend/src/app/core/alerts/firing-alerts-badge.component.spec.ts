import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import { AlertsService } from '../../api/services';
import { FiringAlertsBadgeComponent, firingLabel } from './firing-alerts-badge.component';

describe('FiringAlertsBadgeComponent', () => {
  it('shows the number of firing alerts and links to the alerts page', async () => {
    const listAlerts = vi.fn(() => of({ items: [], total: 3, firing: 3 }));
    TestBed.configureTestingModule({
      providers: [provideRouter([]), { provide: AlertsService, useValue: { listAlerts } }],
    });
    const fixture = TestBed.createComponent(FiringAlertsBadgeComponent);
    await fixture.whenStable();
    const link = (fixture.nativeElement as HTMLElement).querySelector('a')!;
    expect(listAlerts).toHaveBeenCalledWith({ state: 'firing', limit: 1 });
    expect(link.getAttribute('href')).toBe('/alerts');
    expect(link.getAttribute('aria-label')).toBe('3 alerts firing');
    expect(link.querySelector('.count')?.textContent).toBe('3');
  });

  it('words the count for one and none', () => {
    expect(firingLabel(1)).toBe('1 alert firing');
    expect(firingLabel(0)).toBe('No alert firing');
  });
});
