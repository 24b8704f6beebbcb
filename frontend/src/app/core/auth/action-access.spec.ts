import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import { FeaturePermissionDto } from '../../api/models';
import { AuthService, PermissionsService } from '../../api/services';
import { ActionAccess, actionBlocker } from './action-access';
import { AuthStore } from './auth.store';

const noPower: FeaturePermissionDto = {
  feature: 'power',
  label: 'Power',
  available: false,
  partial: false,
  missing: [{ privilege: 'VM.PowerMgmt', path: '/vms', grantedOn: [] }],
};

describe('actionBlocker', () => {
  it('names the role first', () => {
    expect(actionBlocker('power', 'viewer', noPower)).toBe('Needs the operator role');
    expect(actionBlocker('delete', 'operator', undefined)).toBe('Needs the admin role');
  });
  it("then the Proxmox token's missing privilege", () => {
    expect(actionBlocker('power', 'operator', noPower)).toBe(
      'The Proxmox token lacks VM.PowerMgmt on /vms',
    );
  });
  it('does not block on a partial grant or an unknown report', () => {
    expect(actionBlocker('power', 'admin', { ...noPower, partial: true })).toBe('');
    expect(actionBlocker('power', 'operator', undefined)).toBe('');
  });
});

describe('ActionAccess', () => {
  it("combines the signed-in role with the token's permissions", async () => {
    TestBed.configureTestingModule({
      providers: [
        {
          provide: AuthService,
          useValue: { getMe: () => of({ username: 'op', role: 'operator', kind: 'session' }) },
        },
        {
          provide: PermissionsService,
          useValue: {
            getPermissionReport: () => of({ checkedAt: '', tokenId: 't', features: [noPower] }),
          },
        },
      ],
    });
    await TestBed.inject(AuthStore).ensureLoaded();
    const access = TestBed.inject(ActionAccess);
    await vi.waitFor(() => expect(access.allowed('power')).toBe(false));
    expect(access.reason('power')).toContain('VM.PowerMgmt');
    expect(access.roleAllows('power')).toBe(true);
    expect(access.roleAllows('create')).toBe(false);
    expect(access.reason('create')).toBe('Needs the admin role');
  });
});
