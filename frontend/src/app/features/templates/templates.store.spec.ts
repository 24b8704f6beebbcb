import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { of, throwError } from 'rxjs';
import { NodesService, TemplatesService } from '../../api/services';
import { TaskTracker } from '../../core/tasks/task-tracker';
import { aStorage, aTemplate, listOf } from '../../testing/fakes';
import { copyOn, downloadTargets, splitTemplates, storageContents } from './template-list';
import { TemplatesStore } from './templates.store';

const copy = { node: 'pve1', storage: 'local', volid: 'local:vztmpl/debian-13.tar.zst', size: 123 };
const templates = [
  aTemplate({ id: 'z-other', name: 'Zeta', curated: false }),
  aTemplate({ available: [copy] }),
  aTemplate({ id: 'a-other', name: 'Alpha', curated: false, template: undefined }),
];

describe('template-list', () => {
  it('puts curated templates first and sorts the others by name', () => {
    const { curated, others } = splitTemplates(templates);
    expect(curated.map((t) => t.id)).toEqual(['debian-13']);
    expect(others.map((t) => t.name)).toEqual(['Alpha', 'Zeta']);
  });
  it('finds a copy on the node, or on a shared storage', () => {
    expect(copyOn(templates[1], 'pve1')?.volid).toBe(copy.volid);
    expect(copyOn(templates[1], 'pve2')).toBeNull();
    expect(
      copyOn(templates[1], 'pve2', [aStorage({ storage: 'local', shared: true })])?.volid,
    ).toBe(copy.volid);
  });
  it('groups downloaded copies by node and storage', () =>
    expect(storageContents(templates)).toEqual([
      {
        node: 'pve1',
        storage: 'local',
        items: [{ name: 'Debian 13 (trixie)', volid: copy.volid, size: 123 }],
      },
    ]));
  it('offers active template storages with most free space first', () => {
    const targets = downloadTargets([
      aStorage({ storage: 'small', content: ['vztmpl'], avail: 1 }),
      aStorage({ storage: 'big', content: ['vztmpl'], avail: 9 }),
      aStorage({ storage: 'disks', content: ['rootdir'] }),
      aStorage({ storage: 'off', content: ['vztmpl'], active: false }),
    ]);
    expect(targets.map((s) => s.storage)).toEqual(['big', 'small']);
  });
});

describe('TemplatesStore', () => {
  function setup(download = vi.fn(() => of({ upid: 'UPID:dl' }))) {
    const listTemplates = vi.fn(() => of(listOf(templates)));
    const listNodeStorages = vi.fn(() =>
      of(listOf([aStorage({ storage: 'local', content: ['vztmpl'] })])),
    );
    const track = vi.fn(() => ({
      finished: Promise.resolve({ upid: 'UPID:dl', status: 'stopped', exitstatus: 'OK' }),
      done: () => true,
      error: () => null,
    }));
    TestBed.configureTestingModule({
      providers: [
        TemplatesStore,
        { provide: TemplatesService, useValue: { listTemplates, downloadTemplate: download } },
        { provide: NodesService, useValue: { listNodeStorages, listNodes: () => of(listOf([])) } },
        { provide: TaskTracker, useValue: { track } },
      ],
    });
    return { store: TestBed.inject(TemplatesStore), listTemplates, listNodeStorages, download };
  }

  it('asks for all templates when the toggle is on', async () => {
    const { store, listTemplates } = setup();
    store.setShowAll(true);
    await Promise.resolve();
    expect(listTemplates).toHaveBeenCalledWith({ all: true });
  });

  it('chooses the node and its largest template storage as download target', async () => {
    const { store, listNodeStorages } = setup();
    await store.chooseNode('pve1');
    expect(listNodeStorages).toHaveBeenCalledWith({ node: 'pve1', content: 'vztmpl' });
    expect(store.targetStorage()).toBe('local');
  });

  it('downloads to the target, follows the task and refreshes the list', async () => {
    const { store, download, listTemplates } = setup();
    await store.chooseNode('pve1');
    expect(await store.download(templates[0])).toBe(true);
    expect(download).toHaveBeenCalledWith({
      body: { node: 'pve1', storage: 'local', template: templates[0].template },
    });
    expect(listTemplates).toHaveBeenCalled();
    expect(store.downloadOf(templates[0])?.tracked).not.toBeNull();
  });

  it('keeps the refusal text beside the template', async () => {
    const { store } = setup(
      vi.fn(() =>
        throwError(
          () =>
            new HttpErrorResponse({
              status: 403,
              error: { message: 'missing Datastore.AllocateTemplate' },
            }),
        ),
      ),
    );
    await store.chooseNode('pve1');
    expect(await store.download(templates[0])).toBe(false);
    expect(store.downloadOf(templates[0])?.requestError).toBe('missing Datastore.AllocateTemplate');
  });

  it('will not download without a target or a file name', async () => {
    const { store, download } = setup();
    expect(await store.download(templates[0])).toBe(false);
    await store.chooseNode('pve1');
    expect(await store.download(templates[2])).toBe(false);
    expect(download).not.toHaveBeenCalled();
  });
});
