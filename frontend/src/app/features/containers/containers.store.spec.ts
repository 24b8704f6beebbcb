import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import { of } from 'rxjs';
import { BackupsService, ContainersService, NodesService, PlansService } from '../../api/services';
import { aContainer, listOf } from '../../testing/fakes';
import { ContainerListDto } from '../../api/models';
import { LiveEvents } from '../../core/events/live-events';
import { ContainersStore } from './containers.store';
import { SELECTOR_DEBOUNCE_MS } from './selector-search';

const NO_DENIALS = { stale: false, fetchedAt: '', items: [] };

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
        {
          provide: ContainersService,
          useValue: {
            // the server resolves selectors; this fake knows bare words in names only
            listContainers: (p: { selector?: string } = {}) =>
              of(listOf(list.filter((c) => !p.selector || c.name.includes(p.selector)))),
          },
        },
        { provide: NodesService, useValue: { listNodes: () => of(listOf([])) } },
        { provide: PlansService, useValue: { listActionPermissions: () => of(NO_DENIALS) } },
        { provide: BackupsService, useValue: {} },
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

  it('filters by the resolved selector, status and the node picked in the top bar', async () => {
    store.setText('db');
    await store.search.refresh();
    expect(store.visible().map((c) => c.vmid)).toEqual([102]);
    store.setText('');
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

  it('selects rows, all visible rows, and forgets rows hidden by a filter', async () => {
    store.toggle(101);
    store.toggle(102);
    expect(store.selection().map((c) => c.vmid)).toEqual([101, 102]);
    store.toggle(102);
    expect(store.selection().map((c) => c.vmid)).toEqual([101]);
    store.toggleAllVisible();
    expect(store.allVisibleSelected()).toBe(true);
    store.setText('web');
    await store.search.refresh();
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

  describe('with a healthy event stream', () => {
    const pushed = signal<ContainerListDto | undefined>(undefined);
    const changed = new Subject<void>();

    /** A store whose list API answers `listContainers`, beside a stream that is healthy. */
    function streamingStore(
      listContainers: (p?: { selector?: string }) => unknown,
    ): ContainersStore {
      pushed.set(undefined);
      TestBed.resetTestingModule();
      TestBed.configureTestingModule({
        providers: [
          ContainersStore,
          { provide: ContainersService, useValue: { listContainers } },
          { provide: NodesService, useValue: { listNodes: () => of(listOf([])) } },
          { provide: PlansService, useValue: { listActionPermissions: () => of(NO_DENIALS) } },
          {
            provide: BackupsService,
            useValue: { backupFreshness: () => of({ days: 7, items: [], stale: false }) },
          },
          {
            provide: LiveEvents,
            useValue: {
              connect: () => undefined,
              healthy: () => true,
              lost$: new Subject<void>(),
              containersChanged$: changed,
              containers: pushed,
              nodes: () => undefined,
            },
          },
        ],
      });
      return TestBed.inject(ContainersStore);
    }

    it('shows the pushed list when Proxmox gave it later than the last poll, and loads nothing itself', async () => {
      const listCalls: unknown[] = [];
      const live = streamingStore(() => (listCalls.push(1), of(listOf(list))));
      pushed.set({
        items: [aContainer({ vmid: 101, status: 'stopped' })],
        stale: false,
        fetchedAt: new Date(Date.now() + 1000).toISOString(),
      });
      const stop = live.connect();
      expect(listCalls, 'the stream already holds the list').toEqual([]);
      expect(live.all().map((c) => [c.vmid, c.status])).toEqual([[101, 'stopped']]);
      await live.refresh();
      expect(live.all(), 'the older poll answer does not win').toHaveLength(1);
      stop();
    });

    it('resolves the search again when the stream pushes a change, as no poll does it', async () => {
      vi.useFakeTimers();
      const names = new Map<number, string>([[101, '']]);
      const live = streamingStore((p = {}) =>
        of(
          listOf(
            [...names]
              .filter(([, name]) => !p.selector || name.includes(p.selector))
              .map(([vmid, name]) => aContainer({ vmid, name })),
          ),
        ),
      );
      pushed.set({ items: [aContainer({ vmid: 101, name: '' })], stale: false, fetchedAt: '' });
      const stop = live.connect();
      live.setText('fresh-ct');
      await vi.advanceTimersByTimeAsync(SELECTOR_DEBOUNCE_MS);
      expect(live.search.matched(), 'a fresh CT has no name yet').toEqual(new Set());

      names.set(101, 'fresh-ct');
      pushed.set({
        items: [aContainer({ vmid: 101, name: 'fresh-ct' })],
        stale: false,
        fetchedAt: '',
      });
      changed.next();
      await vi.advanceTimersByTimeAsync(SELECTOR_DEBOUNCE_MS);
      expect(live.visible().map((c) => c.vmid)).toEqual([101]);
      stop();
      vi.useRealTimers();
    });
  });
});
