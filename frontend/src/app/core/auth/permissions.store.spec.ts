import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import { FeaturePermissionDto, PermissionReportDto } from '../../api/models';
import { PermissionsService } from '../../api/services';
import { PermissionsStore, permissionHint } from './permissions.store';

const power: FeaturePermissionDto = {
  feature: 'power',
  label: 'Start, stop',
  available: false,
  partial: false,
  missing: [{ privilege: 'VM.PowerMgmt', path: '/vms', grantedOn: [] }],
};
const report: PermissionReportDto = {
  checkedAt: '2026-11-26T05:00:00Z',
  fetchedAt: '2026-11-26T05:00:00Z',
  stale: false,
  tokenId: 'root@pam!proxicloud',
  features: [
    power,
    { feature: 'inspect', label: 'Inspect', available: true, partial: false, missing: [] },
    {
      feature: 'delete',
      label: 'Delete',
      available: false,
      partial: true,
      missing: [{ privilege: 'VM.Allocate', path: '/vms', grantedOn: ['/vms/101'] }],
    },
  ],
};

describe('permissionHint', () => {
  it('names the missing privilege and path', () => {
    expect(permissionHint(power)).toBe('The Proxmox token lacks VM.PowerMgmt on /vms');
  });
  it('says where a partial grant applies', () => {
    expect(permissionHint(report.features[2])).toBe(
      'The Proxmox token lacks VM.Allocate on /vms (granted only on /vms/101)',
    );
  });
  it('is empty for available or unknown features', () => {
    expect(permissionHint(report.features[1])).toBe('');
    expect(permissionHint(undefined)).toBe('');
  });
});

describe('PermissionsStore', () => {
  it('reads the report once and answers per feature', async () => {
    const getPermissionReport = vi.fn(() => of(report));
    TestBed.configureTestingModule({
      providers: [{ provide: PermissionsService, useValue: { getPermissionReport } }],
    });
    const store = TestBed.inject(PermissionsStore);
    store.ensureLoaded();
    store.ensureLoaded();
    await vi.waitFor(() => expect(store.report()).toBeDefined());
    expect(getPermissionReport).toHaveBeenCalledTimes(1);
    expect(store.blocked('power')).toBe(true);
    expect(store.blocked('delete')).toBe(false);
    expect(store.blocked('inspect')).toBe(false);
    expect(store.hint('power')).toContain('VM.PowerMgmt');
    expect(store.unavailable().map((f) => f.feature)).toEqual(['power', 'delete']);
  });
});
