import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import {
  ContainersService,
  NamesService,
  NodesService,
  TemplatesService,
} from '../../api/services';
import { aNode, aStorage, aTemplate, listOf } from '../../testing/fakes';
import { ConnectionStore } from '../../core/connection/connection.store';
import CreateWizardComponent from './create-wizard.component';

describe('CreateWizardComponent', () => {
  it('picks a node, suggests a name, offers the template copy on that node and checks the name', async () => {
    localStorage.clear();
    const copy = { node: 'pve1', storage: 'local', volid: 'local:vztmpl/debian.tar.zst', size: 1 };
    const checkName = vi.fn(() => of({ hostname: 'brave-otter', available: true }));
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        {
          provide: NodesService,
          useValue: {
            listNodes: () => of(listOf([aNode()])),
            listNodeStorages: () => of(listOf([aStorage()])),
          },
        },
        {
          provide: TemplatesService,
          useValue: {
            listTemplates: () =>
              of(
                listOf([
                  aTemplate({
                    available: [copy],
                    defaults: { cores: 2, memory: 1024, swap: 0, disk: 4 },
                  }),
                ]),
              ),
          },
        },
        {
          provide: NamesService,
          useValue: { suggestName: () => of({ hostname: 'brave-otter' }), checkName },
        },
        { provide: ContainersService, useValue: {} },
      ],
    });
    const fixture = TestBed.createComponent(CreateWizardComponent);
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r, 350));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;

    const use = [...el.querySelectorAll<HTMLButtonElement>('pc-template-card button')].find((b) =>
      b.textContent?.includes('Use this template'),
    )!;
    expect(use.disabled).toBe(false);
    use.click();
    await fixture.whenStable();
    expect(el.querySelector('pc-template-card mat-icon.check')).not.toBeNull();

    const form = (
      fixture.componentInstance as unknown as {
        form: { getRawValue(): Record<string, Record<string, unknown>> };
      }
    ).form;
    const value = form.getRawValue();
    expect(value['template']).toEqual({ node: 'pve1', template: copy.volid });
    expect(value['identity']['hostname']).toBe('brave-otter');
    expect(value['resources']).toMatchObject({
      cores: 2,
      memory: 1024,
      disk: 4,
      storage: 'local-lvm',
    });
    expect(checkName).toHaveBeenCalledWith({ hostname: 'brave-otter' });
  });

  it('stops at the first step, saying why, while Proxmox is unreachable', async () => {
    localStorage.clear();
    const copy = { node: 'pve1', storage: 'local', volid: 'local:vztmpl/debian.tar.zst', size: 1 };
    const since = new Date(2026, 0, 1, 14, 2).toISOString();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        {
          provide: ConnectionStore,
          useValue: {
            writable: () => false,
            status: () => ({ state: 'offline', since, message: 'Proxmox is unreachable' }),
          },
        },
        {
          provide: NodesService,
          useValue: {
            listNodes: () => of(listOf([aNode()])),
            listNodeStorages: () => of(listOf([aStorage()])),
          },
        },
        {
          provide: TemplatesService,
          useValue: { listTemplates: () => of(listOf([aTemplate({ available: [copy] })])) },
        },
        {
          provide: NamesService,
          useValue: {
            suggestName: () => of({ hostname: 'brave-otter' }),
            checkName: () => of({ hostname: 'brave-otter', available: true }),
          },
        },
        { provide: ContainersService, useValue: {} },
      ],
    });
    const fixture = TestBed.createComponent(CreateWizardComponent);
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r, 350));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    [...el.querySelectorAll<HTMLButtonElement>('pc-template-card button')]
      .find((b) => b.textContent?.includes('Use this template'))!
      .click();
    await fixture.whenStable();

    expect(el.querySelector('.paused')?.textContent).toContain(
      'Proxmox is unreachable since 14:02 — creating a container is paused',
    );
    const next = [...el.querySelectorAll<HTMLButtonElement>('.nav button')].find(
      (b) => b.textContent?.trim() === 'Next',
    )!;
    expect(next.disabled).toBe(true);
    const headers = el.querySelectorAll<HTMLElement>('mat-step-header');
    headers[1].click();
    await fixture.whenStable();
    expect(headers[0].getAttribute('aria-selected')).toBe('true');
  });
});
