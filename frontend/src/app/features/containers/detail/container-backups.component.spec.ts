import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { Observable, firstValueFrom, of } from 'rxjs';
import { ContainerDetailDto, TaskRefDto } from '../../../api/models';
import { BackupsService, NodesService } from '../../../api/services';
import { provideSignedIn, signIn } from '../../../core/auth/auth.testing';
import { Role } from '../../../core/auth/roles';
import { aBackup } from '../../../testing/backup-fakes';
import { aContainerDetail, aStorage, listOf } from '../../../testing/fakes';
import { ActionPermissionsStore } from '../action-permissions.store';
import { ContainerBackupsComponent } from './container-backups.component';
import { ContainerDetailStore } from './container-detail.store';

const plain = aBackup();
const guarded = aBackup(
  { volid: 'local:backup/vzdump-lxc-101-2026_11_01-18_00_00.tar.zst', protected: true },
  35,
);

function setup(role: Role = 'admin', deniedHere = '') {
  const api = {
    listBackups: vi.fn(() => of(listOf([plain, guarded]))),
    backupContainer: vi.fn(() => of({ upid: 'UPID:b' })),
    restoreBackup: vi.fn(() => of({ upid: 'UPID:r', vmid: 150, node: 'pve1' })),
    deleteBackup: vi.fn(() => of({ upid: 'UPID:x' })),
  };
  const storages = [aStorage(), aStorage({ storage: 'local', content: ['backup', 'vztmpl'] })];
  const nodes = { listNodeStorages: vi.fn(() => of(listOf(storages))) };
  const detail = {
    busy: signal(false),
    runTask: vi.fn(async (_action: string, request: () => Observable<TaskRefDto>) => {
      await firstValueFrom(request());
      return true;
    }),
  };
  const dialog = { open: vi.fn(() => ({ afterClosed: () => of(true) })) };
  TestBed.configureTestingModule({
    providers: [
      ...provideSignedIn(role),
      provideRouter([]),
      { provide: BackupsService, useValue: api },
      { provide: NodesService, useValue: nodes },
      { provide: ContainerDetailStore, useValue: detail },
      {
        provide: ActionPermissionsStore,
        useValue: {
          reason: (_vmid: number, action: string) => (action === 'backup' ? deniedHere : ''),
        },
      },
    ],
  });
  TestBed.overrideProvider(MatDialog, { useValue: dialog });
  return { api, nodes, detail, dialog };
}

async function render(ct: ContainerDetailDto = aContainerDetail({ status: 'stopped' })) {
  await signIn();
  const fixture = TestBed.createComponent(ContainerBackupsComponent);
  fixture.componentRef.setInput('container', ct);
  await fixture.whenStable();
  fixture.detectChanges();
  return { fixture, el: fixture.nativeElement as HTMLElement };
}

function buttonIn(row: Element, text: string): HTMLButtonElement {
  return [...row.querySelectorAll('button')].find((b) => b.textContent?.includes(text))!;
}

function rows(el: HTMLElement): HTMLElement[] {
  return [...el.querySelectorAll<HTMLElement>('ul.list li')];
}

describe('ContainerBackupsComponent', () => {
  it("lists this CT's backups with their age and explains why a protected one stays", async () => {
    const { api, nodes } = setup();
    const { el } = await render();
    expect(api.listBackups).toHaveBeenCalledWith({ vmid: 101 });
    expect(nodes.listNodeStorages).toHaveBeenCalledWith({ node: 'pve1', content: 'backup' });
    const [first, second] = rows(el);
    expect(first.textContent).toContain('2 d ago');
    expect(second.textContent).toContain('35 d ago');
    expect(buttonIn(first, 'Delete').disabled).toBe(false);
    expect(buttonIn(second, 'Delete').disabled).toBe(true);
    expect(second.querySelector('[aria-label="Protected backup"]')).not.toBeNull();
  });

  it("backs up to the node's backup storage with the chosen mode, followed as a task", async () => {
    const { api, detail } = setup();
    const { el, fixture } = await render();
    const form = el.querySelector<HTMLFormElement>('form[aria-label="Back up now"]')!;
    form.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(detail.runTask).toHaveBeenCalledWith('backup', expect.any(Function));
    expect(api.backupContainer).toHaveBeenCalledWith({
      vmid: 101,
      body: { mode: 'snapshot', compress: 'zstd', storage: 'local', notes: '{{guestname}}' },
    });
    expect(api.listBackups).toHaveBeenCalledTimes(2);
  });

  it('restores into a new container and links to it', async () => {
    const { api } = setup();
    const { el, fixture } = await render();
    buttonIn(rows(el)[0], 'Restore as new').click();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(api.restoreBackup).toHaveBeenCalledWith({
      body: { volid: plain.volid, start: false, unique: true },
    });
    expect(el.querySelector('.restored a')?.getAttribute('href')).toBe('/containers/150');
  });

  it('restores over this stopped CT only after a confirmation naming what is overwritten', async () => {
    const { api, dialog } = setup();
    const { el, fixture } = await render();
    buttonIn(rows(el)[0], 'Restore over this CT').click();
    await fixture.whenStable();
    const data = (dialog.open.mock.calls[0] as unknown[])[1] as {
      data: { name: string; message: string };
    };
    expect(data.data.name).toBe('web-1');
    expect(data.data.message).toMatch(/CT 101 \(web-1\) is overwritten/);
    expect(api.restoreBackup).toHaveBeenCalledWith({
      body: { volid: plain.volid, vmid: 101, force: true, start: false },
    });
  });

  it('does not offer a restore over a running CT', async () => {
    const { api } = setup();
    const { el } = await render(aContainerDetail({ status: 'running' }));
    expect(buttonIn(rows(el)[0], 'Restore over this CT').disabled).toBe(true);
    expect(api.restoreBackup).not.toHaveBeenCalled();
  });

  it('deletes a backup after confirmation', async () => {
    const { api } = setup();
    const { el, fixture } = await render();
    buttonIn(rows(el)[0], 'Delete').click();
    await fixture.whenStable();
    expect(api.deleteBackup).toHaveBeenCalledWith({ volid: plain.volid });
  });

  it('lets a viewer see backups but not make, restore or delete them', async () => {
    setup('viewer');
    const { el } = await render();
    expect(el.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled).toBe(true);
    expect(buttonIn(rows(el)[0], 'Restore as new').disabled).toBe(true);
    expect(buttonIn(rows(el)[0], 'Delete').disabled).toBe(true);
  });

  it('disables Back up now when the token may not back up this very CT, naming privilege and path', async () => {
    const reason = 'The Proxmox token lacks VM.Backup on /vms/101';
    setup('admin', reason);
    const { el, fixture } = await render();
    expect(el.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled).toBe(true);
    const component = fixture.componentInstance as unknown as { blocked(a: string): string };
    expect(component.blocked('backup')).toBe(reason);
    expect(buttonIn(rows(el)[0], 'Restore as new').disabled, 'restoring into a new CT').toBe(false);
  });
});
