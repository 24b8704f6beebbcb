import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import { ContainersService, NodesService } from '../../api/services';
import { aContainer, listOf } from '../../testing/fakes';
import { ContainersStore } from './containers.store';

const list = [
  aContainer({ vmid: 101, name: 'web-1', tags: ['web'] }),
  aContainer({ vmid: 102, name: 'db-1', status: 'stopped', node: 'pve2' }),
  aContainer({ vmid: 103, name: 'cache', status: 'unknown', node: 'pve3' }),
];

describe('ContainersStore', () => {
  let store: ContainersStore;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        ContainersStore,
        { provide: ContainersService, useValue: { listContainers: () => of(listOf(list)) } },
        { provide: NodesService, useValue: { listNodes: () => of(listOf([])) } },
      ],
    });
    store = TestBed.inject(ContainersStore);
    await store.refresh();
  });

  it('loads the list and counts statuses and tags', () => {
    expect(store.all()).toHaveLength(3);
    expect(store.counts()).toEqual({ running: 1, stopped: 1, unknown: 1 });
    expect(store.allTags()).toEqual(['web']);
    expect(store.filtered()).toBe(false);
  });

  it('filters by text, status and the node picked in the top bar, then clears', () => {
    store.text.set('db');
    expect(store.visible().map((c) => c.vmid)).toEqual([102]);
    store.text.set('');
    store.statuses.set(['running', 'stopped']);
    store.node.set('pve2');
    expect(store.visible().map((c) => c.vmid)).toEqual([102]);
    expect(store.filtered()).toBe(true);
    store.clearFilters();
    expect(store.visible()).toHaveLength(3);
    expect(store.node()).toBe('');
  });

  it('sorts by the chosen column', () => {
    store.sort.set({ key: 'name', direction: 'asc' });
    expect(store.visible().map((c) => c.name)).toEqual(['cache', 'db-1', 'web-1']);
  });

  it('selects rows, all visible rows, and forgets rows hidden by a filter', () => {
    store.toggle(101);
    store.toggle(102);
    expect(store.selection().map((c) => c.vmid)).toEqual([101, 102]);
    store.toggle(102);
    expect(store.selection().map((c) => c.vmid)).toEqual([101]);
    store.toggleAllVisible();
    expect(store.allVisibleSelected()).toBe(true);
    store.text.set('web');
    expect(store.selection().map((c) => c.vmid)).toEqual([101]);
    store.toggleAllVisible();
    expect(store.selection()).toHaveLength(0);
  });

  it('offers an action only to the selected containers that accept it', () => {
    store.toggleAllVisible();
    expect(store.eligible('start').map((c) => c.vmid)).toEqual([102]);
    expect(store.eligible('shutdown').map((c) => c.vmid)).toEqual([101]);
    store.clearSelection();
    expect(store.eligible('start')).toHaveLength(0);
  });
});
