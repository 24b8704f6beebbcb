import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import { ConnectionStatusDto, PermissionReportDto } from '../../api/models';
import { PermissionsService, StatusService } from '../../api/services';
import { provideSignedIn, signIn } from '../../core/auth/auth.testing';
import SettingsPageComponent from './settings-page.component';

const report: PermissionReportDto = {
  checkedAt: '2026-11-26T05:00:00Z',
  fetchedAt: '2026-11-26T05:00:00Z',
  stale: false,
  tokenId: 'proxicloud@pve!ui',
  features: [
    { feature: 'inspect', label: 'List and inspect', available: true, partial: false, missing: [] },
    {
      feature: 'power',
      label: 'Start, stop, shut down and reboot containers',
      available: false,
      partial: false,
      missing: [{ privilege: 'VM.PowerMgmt', path: '/vms', grantedOn: [] }],
    },
  ],
};

const failedOver: ConnectionStatusDto = {
  state: 'online',
  mode: 'live',
  message: 'Connected to Proxmox through https://pve2.lan:8006',
  detail: null,
  reason: null,
  offlineNodes: [],
  unreachableNodes: [],
  endpoint: 'https://pve2.lan:8006',
  endpoints: ['https://pve1.lan:8006', 'https://pve2.lan:8006'],
  failedOver: true,
  since: '2026-11-26T05:00:00Z',
  lastContact: '2026-11-26T05:00:00Z',
  writable: true,
};

describe('SettingsPageComponent', () => {
  it('lists features, names the missing privilege and checks again on demand', async () => {
    const getPermissionReport = vi.fn(() => of(report));
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        ...provideSignedIn('admin'),
        { provide: PermissionsService, useValue: { getPermissionReport } },
        { provide: StatusService, useValue: { getConnectionStatus: () => of(failedOver) } },
      ],
    });
    await signIn();
    const fixture = TestBed.createComponent(SettingsPageComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent).toContain('proxicloud@pve!ui');
    expect(el.textContent).toContain('1 of 2 features are limited');
    expect(el.querySelector('li.missing .hint')?.textContent).toBe(
      'The Proxmox token lacks VM.PowerMgmt on /vms',
    );
    expect(el.querySelector('a[href="/users"]')).not.toBeNull();
    expect(el.querySelector('.now')?.textContent?.replace(/\s+/g, ' ')).toContain(
      'Talking to https://pve2.lan:8006 instead of the preferred https://pve1.lan:8006',
    );
    [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Check again'))!.click();
    await fixture.whenStable();
    expect(getPermissionReport.mock.calls.length).toBeGreaterThanOrEqual(2);
  });
});
