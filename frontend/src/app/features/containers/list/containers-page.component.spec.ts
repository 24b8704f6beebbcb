import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import {
  BackupsService,
  ContainersService,
  NodesService,
  PlansService,
} from '../../../api/services';
import { TaskTracker } from '../../../core/tasks/task-tracker';
import { aContainer, aNode, listOf } from '../../../testing/fakes';
import { SELECTOR_DEBOUNCE_MS } from '../selector-search';
import ContainersPageComponent from './containers-page.component';
import { provideSignedIn, signIn } from '../../../core/auth/auth.testing';

const list = [
  aContainer({ vmid: 101, name: 'web-1', tags: ['web'] }),
  aContainer({ vmid: 102, name: 'db-1', status: 'stopped' }),
];

async function render(containers = list) {
  localStorage.clear();
  const api = {
    // the server resolves selectors; this fake knows bare words in names only
    listContainers: vi.fn((p: { selector?: string } = {}) =>
      of(listOf(containers.filter((c) => !p.selector || c.name.includes(p.selector)))),
    ),
    startContainer: vi.fn(() => of({ upid: 'UPID:s' })),
  };
  const track = vi.fn(() => ({
    finished: Promise.resolve({ upid: 'UPID:s', status: 'stopped', exitstatus: 'OK' }),
    error: () => null,
  }));
  const target = { vmid: 102, name: 'db-1', node: 'pve1', allowed: true, warnings: [] };
  const plan = {
    id: 'p1',
    action: 'start',
    params: {},
    createdBy: 'admin',
    createdAt: '',
    expiresAt: '',
    state: 'planned',
    targets: [{ ...target, status: 'pending' }],
  };
  const plans = {
    createPlan: vi.fn(() => of(plan)),
    executePlan: vi.fn(() => of({ ...plan, state: 'running' })),
    getPlan: vi.fn(() => of({ ...plan, state: 'done', targets: [{ ...target, status: 'ok' }] })),
    cancelPlan: vi.fn(() => of({ ...plan, state: 'cancelled' })),
    listActionPermissions: vi.fn(() => of({ stale: false, fetchedAt: '', items: [] })),
  };
  const freshness = [
    { vmid: 101, name: 'web-1', node: 'pve1', lastBackupAt: '', ageDays: 2.5, stale: false },
    { vmid: 102, name: 'db-1', node: 'pve1', lastBackupAt: null, ageDays: null, stale: true },
  ];
  const backups = {
    backupFreshness: vi.fn((p: { days: number }) =>
      of({ days: p.days, items: freshness, stale: false, fetchedAt: new Date().toISOString() }),
    ),
  };
  TestBed.configureTestingModule({
    providers: [
      ...provideSignedIn(),
      { provide: BackupsService, useValue: backups },
      { provide: PlansService, useValue: plans },
      provideRouter([]),
      { provide: ContainersService, useValue: api },
      { provide: NodesService, useValue: { listNodes: () => of(listOf([aNode()])) } },
      { provide: TaskTracker, useValue: { track } },
    ],
  });
  await signIn();
  const fixture = TestBed.createComponent(ContainersPageComponent);
  await fixture.whenStable();
  return { fixture, el: fixture.nativeElement as HTMLElement, api, plans, backups };
}

describe('ContainersPageComponent', () => {
  it('lists containers with links to their pages', async () => {
    const { el } = await render();
    const rows = el.querySelectorAll('tr.mat-mdc-row');
    expect(rows.length).toBe(2);
    expect(el.querySelector('a.name')?.getAttribute('href')).toBe('/containers/101');
    expect(el.textContent).toContain('Containers (2)');
  });

  it('resolves the ?q= query parameter as a selector on the server', async () => {
    const { fixture, el, api } = await render();
    fixture.componentRef.setInput('q', 'db');
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve, SELECTOR_DEBOUNCE_MS + 20));
    await fixture.whenStable();
    expect(api.listContainers).toHaveBeenCalledWith({ selector: 'db' });
    expect(el.querySelectorAll('tr.mat-mdc-row').length).toBe(1);
    expect(el.textContent).toContain('Clear filters');
  });

  it('shows the plan of a bulk start first and runs it only on Execute', async () => {
    const { fixture, el, api, plans } = await render();
    const boxes = el.querySelectorAll<HTMLInputElement>('td input[type=checkbox]');
    boxes[0].click();
    boxes[1].click();
    await fixture.whenStable();
    const startButton = [...el.querySelectorAll<HTMLButtonElement>('.bulk-bar button')].find((b) =>
      b.textContent?.includes('Start'),
    )!;
    expect(startButton.textContent).toContain('(1)');
    startButton.click();
    await fixture.whenStable();
    expect(plans.createPlan).toHaveBeenCalledWith({ body: { action: 'start', vmids: [102] } });
    const review = el.querySelector('pc-plan-review')!;
    expect(review.textContent).toContain('db-1 (102)');
    expect(review.textContent).toContain('Nothing has been sent to Proxmox yet');
    expect(plans.executePlan).not.toHaveBeenCalled();
    expect(api.startContainer).not.toHaveBeenCalled();
    [...review.querySelectorAll<HTMLButtonElement>('button')]
      .find((b) => b.textContent?.includes('Execute'))!
      .click();
    await new Promise((r) => setTimeout(r, 1_100));
    await fixture.whenStable();
    expect(plans.executePlan).toHaveBeenCalledWith({ id: 'p1', body: {} });
    expect(el.querySelector('pc-plan-review')).toBeNull();
    expect(el.querySelector('pc-bulk-results')?.textContent).toContain('1 succeeded');
  });

  it('shows the IPv4 of running containers and a lock icon on protected ones', async () => {
    const readAt = new Date().toISOString();
    const { el } = await render([
      aContainer({ vmid: 101, name: 'web-1', ipv4: '10.10.0.101', addressReadAt: readAt }),
      aContainer({ vmid: 102, name: 'db-1', status: 'stopped', protection: true }),
    ]);
    const header = [...el.querySelectorAll('th')].map((th) => th.textContent?.trim());
    expect(header).toContain('IPv4');
    const rows = [...el.querySelectorAll('tr.mat-mdc-row')];
    expect(rows[0].querySelector('.address')?.textContent?.trim()).toBe('10.10.0.101');
    expect(rows[0].querySelector('.address-old')).toBeNull();
    expect(rows[1].querySelector('.address')?.textContent?.trim()).toBe('—');
    expect(rows[0].querySelector('mat-icon.protected')).toBeNull();
    expect(rows[1].querySelector('mat-icon.protected')?.getAttribute('aria-label')).toBe(
      'Protected',
    );
  });

  it('marks templates in the list, so its count and the dashboard count visibly agree', async () => {
    const { el } = await render([
      aContainer({ vmid: 101, name: 'web-1' }),
      aContainer({ vmid: 9000, name: 'debian-base', status: 'stopped', template: true }),
    ]);
    const rows = [...el.querySelectorAll('tr.mat-mdc-row')];
    expect(rows[0].querySelector('.template')).toBeNull();
    expect(rows[1].querySelector('pc-status-chip.template span')?.textContent?.trim()).toBe(
      'template',
    );
  });

  it('marks an address read long ago as old', async () => {
    const readAt = new Date(Date.now() - 60 * 60_000).toISOString();
    const { el } = await render([aContainer({ ipv4: '10.10.0.101', addressReadAt: readAt })]);
    expect(el.querySelector('.address-old')?.textContent?.trim()).toBe('10.10.0.101');
  });

  it('shows a designed empty state when there are no containers', async () => {
    const { el } = await render([]);
    expect(el.querySelector('pc-empty-state')?.textContent).toContain('No containers yet');
  });

  it('shows the last backup age and filters to containers without a backup in N days', async () => {
    const { el, fixture, backups } = await render();
    fixture.detectChanges();
    const rows = () => [...el.querySelectorAll('tr.mat-mdc-row')].map((r) => r.textContent ?? '');
    expect(rows()[0]).toContain('2.5 d');
    expect(rows()[1]).toContain('none');
    expect(backups.backupFreshness).toHaveBeenCalledWith({ days: 7 });
    const days = el.querySelector<HTMLInputElement>(
      'input[aria-label="No backup in how many days"]',
    )!;
    days.value = '3';
    days.dispatchEvent(new Event('change'));
    expect(backups.backupFreshness).toHaveBeenLastCalledWith({ days: 3 });
    el.querySelector<HTMLInputElement>('.backup-filter input')!.click();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(rows()).toHaveLength(1);
    expect(rows()[0]).toContain('db-1');
  });
});
