import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import { ContainerListDto } from '../../api/models';
import { PlansService } from '../../api/services';
import { LiveEvents } from '../../core/events/live-events';
import { ActionPermissionsStore, indexDenied } from './action-permissions.store';

const LIST = {
  stale: false,
  fetchedAt: '2026-12-06T20:00:00.000Z',
  items: [
    { vmid: 101, denied: [] },
    {
      vmid: 103,
      denied: [
        { action: 'stop' as const, reason: 'The Proxmox token lacks VM.PowerMgmt on /vms/103' },
      ],
    },
  ],
};

describe('ActionPermissionsStore', () => {
  it('indexes the refusals by container and action', () => {
    const index = indexDenied(LIST);
    expect(index.get(103)?.get('stop')).toBe('The Proxmox token lacks VM.PowerMgmt on /vms/103');
    expect(index.get(101)?.size).toBe(0);
    expect(indexDenied(undefined).size).toBe(0);
  });

  it('says why an action is refused on a container, and nothing where it is allowed', async () => {
    const api = { listActionPermissions: vi.fn(() => of(LIST)) };
    const containers = signal<ContainerListDto | undefined>(undefined);
    TestBed.configureTestingModule({
      providers: [
        { provide: PlansService, useValue: api },
        { provide: LiveEvents, useValue: { containers } },
      ],
    });
    const store = TestBed.inject(ActionPermissionsStore);
    expect(store.reason(103, 'stop')).toBe('');
    await store.refresh();
    expect(store.reason(103, 'stop')).toMatch(/VM.PowerMgmt on \/vms\/103/);
    expect(store.reason(103, 'start')).toBe('');
    expect(store.reason(101, 'stop')).toBe('');
    expect(api.listActionPermissions).toHaveBeenCalledTimes(1);
  });

  it('reads again once per cycle the event stream pushes', () => {
    const api = { listActionPermissions: vi.fn(() => of(LIST)) };
    const containers = signal<ContainerListDto | undefined>(undefined);
    TestBed.configureTestingModule({
      providers: [
        { provide: PlansService, useValue: api },
        { provide: LiveEvents, useValue: { containers } },
      ],
    });
    TestBed.inject(ActionPermissionsStore);
    TestBed.tick();
    expect(api.listActionPermissions).not.toHaveBeenCalled();
    const cycle = (fetchedAt: string) =>
      ({ items: [], stale: false, fetchedAt }) as ContainerListDto;
    containers.set(cycle('2026-12-06T20:00:00.000Z'));
    TestBed.tick();
    containers.set(cycle('2026-12-06T20:00:00.000Z'));
    TestBed.tick();
    expect(api.listActionPermissions).toHaveBeenCalledTimes(1);
    containers.set(cycle('2026-12-06T20:00:10.000Z'));
    TestBed.tick();
    expect(api.listActionPermissions).toHaveBeenCalledTimes(2);
  });
});
