import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { of, throwError } from 'rxjs';
import { ActivityEntryDto } from '../../api/models';
import { ActivityService, ContainersService } from '../../api/services';
import { aContainer, listOf } from '../../testing/fakes';
import { NO_FILTERS } from './activity-query';
import { ACTIVITY_PAGE_SIZE, ActivityStore } from './activity.store';

const entry = (id: number): ActivityEntryDto => ({
  id,
  at: '2026-11-26T05:00:00Z',
  actor: 'alice',
  action: 'stop',
  target: 'ct/101',
  node: 'pve1',
  result: 'ok',
});

function setup(api: Partial<Record<keyof ActivityService, unknown>>): ActivityStore {
  TestBed.configureTestingModule({
    providers: [ActivityStore, { provide: ActivityService, useValue: api }],
  });
  return TestBed.inject(ActivityStore);
}

describe('ActivityStore', () => {
  it("names a container target with the container's name, and keeps other targets", async () => {
    TestBed.configureTestingModule({
      providers: [
        ActivityStore,
        { provide: ActivityService, useValue: {} },
        {
          provide: ContainersService,
          useValue: {
            listContainers: () => of(listOf([aContainer({ vmid: 101, name: 'web-1' })])),
          },
        },
      ],
    });
    const store = TestBed.inject(ActivityStore);
    await store.loadNames();
    expect(store.targetLabel('ct/101')).toBe('web-1 (ct/101)');
    expect(store.targetLabel('ct/999')).toBe('ct/999');
    expect(store.targetLabel('plan/abc')).toBe('plan/abc');
  });

  it('asks for a filtered page and pages through the total', async () => {
    const listActivity = vi.fn(() => of({ entries: [entry(1), entry(2)], total: 120 }));
    const store = setup({ listActivity });
    await store.apply({ ...NO_FILTERS, actor: 'alice', result: 'error' });
    expect(listActivity).toHaveBeenLastCalledWith({
      actor: 'alice',
      result: 'error',
      limit: ACTIVITY_PAGE_SIZE,
      offset: 0,
    });
    expect(store.hasNext()).toBe(true);
    expect(store.hasPrevious()).toBe(false);
    await store.page(1);
    expect(listActivity).toHaveBeenLastCalledWith(
      expect.objectContaining({ offset: ACTIVITY_PAGE_SIZE }),
    );
    expect(store.hasPrevious()).toBe(true);
  });

  it('starts at the newest entry again when the filters change', async () => {
    const store = setup({ listActivity: () => of({ entries: [entry(1)], total: 1 }) });
    store.offset.set(100);
    await store.apply(NO_FILTERS);
    expect(store.offset()).toBe(0);
  });

  it('exports the CSV with the same filters, without paging', async () => {
    const exportActivityCsv = vi.fn(() => of('at,actor\n'));
    const store = setup({ listActivity: () => of({ entries: [], total: 0 }), exportActivityCsv });
    await store.apply({ ...NO_FILTERS, action: 'delete' });
    const file = await store.exportCsv();
    expect(exportActivityCsv).toHaveBeenCalledWith({ action: 'delete' });
    expect(file?.text).toBe('at,actor\n');
    expect(file?.fileName).toMatch(/^proxicloud-activity-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it('says why an export failed', async () => {
    const store = setup({
      exportActivityCsv: () =>
        throwError(() => new HttpErrorResponse({ status: 403, error: { message: 'Forbidden' } })),
    });
    expect(await store.exportCsv()).toBeNull();
    expect(store.exportError()).toBe('Forbidden');
    expect(store.exporting()).toBe(false);
  });
});
