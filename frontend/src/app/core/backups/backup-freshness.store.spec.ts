import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import { BackupsService } from '../../api/services';
import { BackupFreshnessStore, DEFAULT_BACKUP_DAYS, parseDays } from './backup-freshness.store';

const items = [
  { vmid: 101, name: 'web-1', node: 'pve1', lastBackupAt: null, ageDays: null, stale: true },
  {
    vmid: 102,
    name: 'db-1',
    node: 'pve1',
    lastBackupAt: '2026-12-05T00:00:00Z',
    ageDays: 1,
    stale: false,
  },
];

function setup() {
  localStorage.removeItem('pc.backupDays');
  const api = {
    backupFreshness: vi.fn((p: { days: number }) =>
      of({ days: p.days, items, stale: false, fetchedAt: new Date().toISOString() }),
    ),
  };
  TestBed.configureTestingModule({ providers: [{ provide: BackupsService, useValue: api }] });
  return { api, store: TestBed.inject(BackupFreshnessStore) };
}

describe('BackupFreshnessStore', () => {
  it('accepts whole days from 1 to 3650 and falls back to 7 otherwise', () => {
    expect(parseDays('14')).toBe(14);
    for (const bad of ['0', '-3', '2.5', 'x', '', '4000', null])
      expect(parseDays(bad)).toBe(DEFAULT_BACKUP_DAYS);
  });

  it('asks once per connect with N days and knows which containers are stale', async () => {
    const { api, store } = setup();
    const release = store.connect();
    await Promise.resolve();
    expect(api.backupFreshness).toHaveBeenCalledWith({ days: 7 });
    await vi.waitFor(() => expect(store.loaded()).toBe(true));
    expect([...store.staleVmids()]).toEqual([101]);
    expect(store.byVmid().get(102)?.ageDays).toBe(1);
    release();
    release();
  });

  it('keeps a new N in this browser and asks again with it', () => {
    const { api, store } = setup();
    store.setDays('30');
    expect(store.days()).toBe(30);
    expect(localStorage.getItem('pc.backupDays')).toBe('30');
    expect(api.backupFreshness).toHaveBeenLastCalledWith({ days: 30 });
    store.setDays('30');
    expect(api.backupFreshness).toHaveBeenCalledTimes(1);
  });
});
