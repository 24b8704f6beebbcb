import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { of, throwError } from 'rxjs';
import { DashboardService } from '../../api/services';
import { aDashboard } from '../../testing/fakes';
import { usageDetail } from './dashboard.component';
import { DashboardStore } from './dashboard.store';

describe('DashboardStore', () => {
  it("uses the server's fetchedAt for the age and lists offline nodes", async () => {
    const data = aDashboard({ fetchedAt: '2026-01-01T00:00:00.000Z' });
    TestBed.configureTestingModule({
      providers: [
        DashboardStore,
        { provide: DashboardService, useValue: { getDashboard: () => of(data) } },
      ],
    });
    const store = TestBed.inject(DashboardStore);
    await store.refresh();
    expect(store.fetchedAt()).toBe('2026-01-01T00:00:00.000Z');
    expect(store.offlineNodes()).toEqual(['pve2']);
  });

  it('keeps the error text when Proxmox cannot be reached', async () => {
    const getDashboard = () =>
      throwError(
        () => new HttpErrorResponse({ status: 503, error: { message: 'Proxmox is unreachable' } }),
      );
    TestBed.configureTestingModule({
      providers: [DashboardStore, { provide: DashboardService, useValue: { getDashboard } }],
    });
    const store = TestBed.inject(DashboardStore);
    await store.refresh();
    expect(store.error()).toBe('Proxmox is unreachable');
    expect(store.data()).toBeUndefined();
  });
});

describe('usageDetail', () => {
  it('describes cores and bytes', () => {
    expect(usageDetail({ used: 1.25, total: 16, fraction: 0.08 }, 'cores')).toBe('1.3 of 16 cores');
    expect(usageDetail({ used: 1024 ** 3, total: 4 * 1024 ** 3, fraction: 0.25 }, 'bytes')).toBe(
      '1.0 GiB of 4.0 GiB',
    );
  });
});
