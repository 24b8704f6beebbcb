import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { of, throwError } from 'rxjs';
import { ContainersService, PlansService, TasksService } from '../../../api/services';
import { TaskTracker } from '../../../core/tasks/task-tracker';
import { aContainerDetail, aTask, listOf } from '../../../testing/fakes';
import { ContainerDetailStore } from './container-detail.store';
import { counterRates } from './live-rates';

const NO_DENIALS = { stale: false, fetchedAt: '', items: [] };

function setup(overrides: Partial<Record<string, unknown>> = {}) {
  let detail = aContainerDetail();
  const api = {
    getContainer: vi.fn(() => of(detail)),
    startContainer: vi.fn(() => of({ upid: 'UPID:start' })),
    deleteContainer: vi.fn(() => of({ upid: 'UPID:del' })),
    ...overrides,
  };
  const tasks = {
    listTasks: vi.fn(() => of(listOf([aTask({ status: 'running', upid: 'UPID:run' }), aTask()]))),
  };
  const tracker = {
    track: vi.fn((upid: string) => ({
      upid,
      finished: Promise.resolve({ upid, status: 'stopped', exitstatus: 'OK' }),
      done: () => true,
      error: () => null,
      stop: vi.fn(),
    })),
  };
  TestBed.configureTestingModule({
    providers: [
      ContainerDetailStore,
      { provide: ContainersService, useValue: api },
      { provide: PlansService, useValue: { listActionPermissions: () => of(NO_DENIALS) } },
      { provide: TasksService, useValue: tasks },
      { provide: TaskTracker, useValue: tracker },
    ],
  });
  const setDetail = (next: typeof detail) => (detail = next);
  return { store: TestBed.inject(ContainerDetailStore), api, tasks, tracker, setDetail };
}

describe('ContainerDetailStore', () => {
  it('loads the container and its recent tasks, spotting the running one', async () => {
    const { store, tasks } = setup();
    const stop = store.connect(101);
    await store.refresh();
    stop();
    expect(store.container()?.name).toBe('web-1');
    expect(tasks.listTasks).toHaveBeenCalledWith({ vmid: 101, limit: 20 });
    expect(store.runningTask()?.upid).toBe('UPID:run');
  });

  it('computes live rates from two readings of the counters', async () => {
    const { store, setDetail } = setup();
    const stop = store.connect(101);
    await store.refresh();
    await new Promise((r) => setTimeout(r, 5));
    setDetail(aContainerDetail({ netin: 1000 + 10_000_000, netout: 2000 }));
    await store.refresh();
    stop();
    expect(store.rates()?.netin).toBeGreaterThan(0);
    expect(store.rates()?.netout).toBe(0);
  });

  it('follows an action to its end and refreshes', async () => {
    const { store, api, tracker } = setup();
    store.connect(101)();
    expect(await store.act('start')).toBe(true);
    expect(api.startContainer).toHaveBeenCalledWith({ vmid: 101 });
    expect(tracker.track).toHaveBeenCalledWith('UPID:start');
    expect(store.run()?.action).toBe('start');
    store.dismissRun();
    expect(store.run()).toBeNull();
  });

  it("shows Proxmox's refusal when the request fails", async () => {
    const { store } = setup({
      startContainer: () =>
        throwError(
          () =>
            new HttpErrorResponse({ status: 409, error: { message: 'CT 101 is locked (backup)' } }),
        ),
    });
    store.connect(101)();
    expect(await store.act('start')).toBe(false);
    expect(store.run()?.requestError).toBe('CT 101 is locked (backup)');
    expect(store.busy()).toBe(false);
  });

  it('deletes with purge and force as asked', async () => {
    const { store, api } = setup();
    store.connect(101)();
    expect(await store.act('delete', { purge: true, force: true })).toBe(true);
    expect(api.deleteContainer).toHaveBeenCalledWith({ vmid: 101, purge: true, force: true });
  });

  it('stops reading the container once its delete was accepted', async () => {
    const { store, api } = setup();
    store.connect(101)();
    await store.act('delete');
    api.getContainer.mockClear();
    await store.refresh();
    expect(api.getContainer).not.toHaveBeenCalled();
    store.dismissRun();
    await store.refresh();
    expect(api.getContainer).toHaveBeenCalledTimes(1);
  });
});

describe('counterRates', () => {
  const base = { at: 0, netin: 0, netout: 0, diskread: 0, diskwrite: 0 };
  it('divides the counter growth by the elapsed seconds', () =>
    expect(
      counterRates(base, { at: 2000, netin: 2048, netout: 0, diskread: 10, diskwrite: 0 }),
    ).toEqual({
      netin: 1024,
      netout: 0,
      diskread: 5,
      diskwrite: 0,
    }));
  it('has no rate without a previous reading or time passing', () => {
    expect(counterRates(null, base)).toBeNull();
    expect(counterRates(base, base)).toBeNull();
  });
  it('ignores counters that restarted', () =>
    expect(counterRates({ ...base, netin: 500 }, { ...base, at: 1000, netin: 10 })).toBeNull());
});
