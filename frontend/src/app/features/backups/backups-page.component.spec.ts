import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import { BackupsService } from '../../api/services';
import { provideSignedIn, signIn } from '../../core/auth/auth.testing';
import { aBackup } from '../../testing/backup-fakes';
import { listOf } from '../../testing/fakes';
import BackupsPageComponent from './backups-page.component';

const freshness = [
  {
    vmid: 101,
    name: 'web-1',
    node: 'pve1',
    lastBackupAt: '2026-12-04T18:00:00Z',
    ageDays: 2,
    stale: false,
  },
  { vmid: 102, name: 'db-1', node: 'pve1', lastBackupAt: null, ageDays: null, stale: true },
];
const job = {
  id: 'backup-1',
  schedule: 'sun 01:00',
  storage: 'local',
  mode: 'snapshot',
  enabled: true,
  all: false,
  vmids: [101],
  nextRun: '2026-12-13T01:00:00.000Z',
};

function setup() {
  localStorage.removeItem('pc.backupDays');
  const api = {
    listBackups: vi.fn(() =>
      of(
        listOf([
          aBackup(),
          aBackup({
            volid: 'nfs:backup/vzdump-lxc-103-x.tar.zst',
            vmid: 103,
            storage: 'nfs',
            protected: true,
          }),
        ]),
      ),
    ),
    listBackupJobs: vi.fn(() => of(listOf([job]))),
    backupFreshness: vi.fn((p: { days: number }) =>
      of({ days: p.days, items: freshness, stale: false, fetchedAt: new Date().toISOString() }),
    ),
  };
  TestBed.configureTestingModule({
    providers: [
      ...provideSignedIn('viewer'),
      provideRouter([]),
      { provide: BackupsService, useValue: api },
    ],
  });
  return api;
}

async function render() {
  await signIn();
  const fixture = TestBed.createComponent(BackupsPageComponent);
  await fixture.whenStable();
  fixture.detectChanges();
  return { fixture, el: fixture.nativeElement as HTMLElement };
}

const rowsOf = (el: HTMLElement, label: string) =>
  [...el.querySelectorAll(`table[aria-label="${label}"] tr.mat-mdc-row`)].map(
    (r) => r.textContent ?? '',
  );

describe('BackupsPageComponent', () => {
  it('shows each container’s last backup, every backup and the jobs with their next run', async () => {
    setup();
    const { el } = await render();
    const fresh = rowsOf(el, 'Last backup per container');
    expect(fresh[0]).toContain('2 days');
    expect(fresh[1]).toContain('never');
    expect(el.textContent).toContain('1 without a backup in 7 days');
    expect(rowsOf(el, 'Backups')).toHaveLength(2);
    expect(el.querySelector('[aria-label="Protected backup"]')).not.toBeNull();
    const jobs = rowsOf(el, 'Backup jobs');
    expect(jobs[0]).toContain('sun 01:00');
    expect(jobs[0]).toContain('CT 101');
    expect(jobs[0]).toContain('2026');
  });

  it('filters to containers without a recent backup, with N days asked of the server', async () => {
    const api = setup();
    const { el, fixture } = await render();
    const days = el.querySelector<HTMLInputElement>('input[type="number"]')!;
    days.value = '30';
    days.dispatchEvent(new Event('change'));
    expect(api.backupFreshness).toHaveBeenLastCalledWith({ days: 30 });
    el.querySelector<HTMLInputElement>('mat-checkbox input')!.click();
    await fixture.whenStable();
    fixture.detectChanges();
    const fresh = rowsOf(el, 'Last backup per container');
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toContain('db-1');
  });

  it('filters the backups by CT id', async () => {
    setup();
    const { el, fixture } = await render();
    const inputs = el.querySelectorAll<HTMLInputElement>('section[aria-label="All backups"] input');
    inputs[0].value = '103';
    inputs[0].dispatchEvent(new Event('input'));
    await fixture.whenStable();
    fixture.detectChanges();
    const rows = rowsOf(el, 'Backups');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('nfs');
  });
});
