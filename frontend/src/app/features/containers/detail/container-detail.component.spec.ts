import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, provideRouter } from '@angular/router';
import { of, throwError } from 'rxjs';
import { AuthService, ContainersService, PlansService, TasksService } from '../../../api/services';
import { TaskTracker } from '../../../core/tasks/task-tracker';
import { aContainerDetail, aTask, listOf } from '../../../testing/fakes';
import ContainerDetailComponent from './container-detail.component';
import { enabledFeatures } from './container-config.component';
import { provideSignedIn, signIn } from '../../../core/auth/auth.testing';

const NOTHING_DENIED = { stale: false, fetchedAt: '', items: [] };

function setup(
  getContainer = vi.fn(() => of(aContainerDetail({ status: 'stopped' }))),
  permissions: object = NOTHING_DENIED,
) {
  const api = {
    getContainer,
    startContainer: vi.fn(() => of({ upid: 'UPID:s' })),
    deleteContainer: vi.fn(() => of({ upid: 'UPID:d' })),
  };
  const tracker = {
    track: vi.fn((upid: string) => ({
      upid,
      task: () => ({ upid, status: 'stopped', exitstatus: 'OK', log: ['TASK OK'] }),
      finished: Promise.resolve({ upid, status: 'stopped', exitstatus: 'OK' }),
      done: () => true,
      error: () => null,
      stop: () => undefined,
    })),
  };
  const confirm = { open: vi.fn(() => ({ afterClosed: () => of(true) })) };
  TestBed.configureTestingModule({
    providers: [
      ...provideSignedIn(),
      provideRouter([]),
      { provide: ContainersService, useValue: api },
      { provide: TasksService, useValue: { listTasks: () => of(listOf([aTask()])) } },
      { provide: TaskTracker, useValue: tracker },
      { provide: PlansService, useValue: { listActionPermissions: () => of(permissions) } },
    ],
  });
  TestBed.overrideProvider(MatDialog, { useValue: confirm });
  return { api, tracker, confirm };
}

async function render(tab?: string) {
  await signIn();
  const fixture = TestBed.createComponent(ContainerDetailComponent);
  fixture.componentRef.setInput('vmid', '101');
  if (tab) fixture.componentRef.setInput('tab', tab);
  await fixture.whenStable();
  return { fixture, el: fixture.nativeElement as HTMLElement };
}

function button(el: HTMLElement, text: string): HTMLButtonElement {
  return [...el.querySelectorAll<HTMLButtonElement>('.actions button')].find((b) =>
    b.textContent?.includes(text),
  )!;
}

describe('ContainerDetailComponent', () => {
  it('opens the tab named in the URL and puts a chosen tab into the URL', async () => {
    setup();
    const { el, fixture } = await render('snapshots');
    const selected = () =>
      el.querySelector('[role="tab"][aria-selected="true"]')?.textContent?.trim();
    expect(selected()).toBe('Snapshots');
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    [...el.querySelectorAll<HTMLElement>('[role="tab"]')]
      .find((t) => t.textContent?.includes('Backups'))!
      .click();
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith([], {
      queryParams: { tab: 'backups' },
      queryParamsHandling: 'merge',
    });
  });

  it('disables power and delete for a viewer', async () => {
    setup();
    const me = { username: 'eve', role: 'viewer', kind: 'session' };
    TestBed.overrideProvider(AuthService, { useValue: { getMe: () => of(me) } });
    const { el } = await render();
    expect(button(el, 'Start').disabled).toBe(true);
    expect(button(el, 'Delete').disabled).toBe(true);
  });

  it('disables an action the token may not take on this container, naming privilege and path', async () => {
    const reason = 'The Proxmox token lacks VM.PowerMgmt on /vms/101';
    setup(undefined, {
      stale: false,
      fetchedAt: '',
      items: [
        {
          vmid: 101,
          denied: [
            { action: 'start', reason },
            { action: 'delete', reason: 'The Proxmox token lacks VM.Allocate on /vms/101' },
          ],
        },
      ],
    });
    const { el, fixture } = await render();
    expect(button(el, 'Start').disabled).toBe(true);
    expect(button(el, 'Delete').disabled).toBe(true);
    const component = fixture.componentInstance as unknown as {
      whyNot(a: string): string;
      deleteBlocked(): string;
    };
    expect(component.whyNot('start')).toBe(reason);
    expect(component.deleteBlocked()).toBe('The Proxmox token lacks VM.Allocate on /vms/101');
  });

  it('shows summary, configuration and history, with only possible actions enabled', async () => {
    setup();
    const { el } = await render();
    expect(el.querySelector('h1')?.textContent).toContain('web-1');
    expect(el.textContent).toContain('local-lvm:vm-101-disk-0');
    expect(el.textContent).toContain('VLAN 20');
    expect(el.querySelector('pc-task-table')).not.toBeNull();
    expect(button(el, 'Start').disabled).toBe(false);
    expect(button(el, 'Reboot').disabled).toBe(true);
  });

  it('shows the IPv4 address of a running container with the age of its reading', async () => {
    const readAt = new Date(Date.now() - 3 * 60_000).toISOString();
    setup(vi.fn(() => of(aContainerDetail({ ipv4: '10.20.0.110', addressReadAt: readAt }))));
    const { el } = await render();
    const summary = el.querySelector('pc-container-summary')!;
    expect(summary.textContent).toContain('IPv4 address');
    expect(summary.querySelector('.pc-mono')?.textContent?.trim()).toBe('10.20.0.110');
    expect(summary.textContent).toContain('read 3 min ago');
  });

  it('shows the protection lock from the list fields when the config is not known', async () => {
    const partial = aContainerDetail({ partial: true, config: null, protection: true });
    setup(vi.fn(() => of(partial)));
    const { el } = await render();
    expect(el.querySelector('mat-icon.protected')?.getAttribute('aria-label')).toBe('Protected');
  });

  it('shows the HA state of an HA-managed container', async () => {
    setup(vi.fn(() => of(aContainerDetail({ status: 'stopped', hastate: 'request_stop' }))));
    const { el } = await render();
    expect(el.querySelector('pc-status-chip.ha')?.textContent).toContain('HA: request_stop');
  });

  it('says the configuration is not known yet for a partial answer, and still shows the summary', async () => {
    const partial = aContainerDetail({
      status: 'unknown',
      stale: true,
      partial: true,
      config: null,
      swap: null,
      maxswap: null,
    });
    setup(vi.fn(() => of(partial)));
    const { el } = await render();
    expect(el.querySelector('h1')?.textContent).toContain('web-1');
    expect(el.querySelector('pc-container-config')?.textContent).toContain('Not known yet');
    expect(el.textContent).not.toContain('local-lvm:vm-101-disk-0');
  });

  it('starts the container and shows the task outcome', async () => {
    const { api } = setup();
    const { fixture, el } = await render();
    button(el, 'Start').click();
    await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
    expect(api.startContainer).toHaveBeenCalledWith({ vmid: 101 });
    expect(el.textContent).toContain('Finished successfully');
  });

  it('deletes only after the name was confirmed, then returns to the list with a toast saying so', async () => {
    const { api, confirm } = setup();
    const { fixture, el } = await render();
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const toast = vi.spyOn(TestBed.inject(MatSnackBar), 'open');
    button(el, 'Delete').click();
    await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
    expect(confirm.open).toHaveBeenCalled();
    expect(api.deleteContainer).toHaveBeenCalledWith({ vmid: 101, purge: true, force: false });
    expect(navigate).toHaveBeenCalledWith(['/containers']);
    expect(toast).toHaveBeenCalledWith('web-1 (CT 101) was deleted', 'Dismiss', {
      duration: 6000,
    });
  });

  it('says plainly when the container does not exist', async () => {
    setup(
      vi.fn(() =>
        throwError(
          () => new HttpErrorResponse({ status: 404, error: { message: 'CT 101 not found' } }),
        ),
      ),
    );
    const { el } = await render();
    expect(el.querySelector('pc-empty-state')?.textContent).toContain('CT 101 was not found');
  });
});

describe('enabledFeatures', () => {
  it('lists the switched-on feature flags', () =>
    expect(enabledFeatures({ nesting: '1', keyctl: '0', fuse: '1' })).toEqual(['fuse', 'nesting']));
});
