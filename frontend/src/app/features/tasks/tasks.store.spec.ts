import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import { TasksService } from '../../api/services';
import {
  taskDuration,
  taskStatusLabel,
  taskTypeLabel,
} from '../../core/tasks/task-table.component';
import { aTask, listOf } from '../../testing/fakes';
import { filterTasks, taskFailed } from './task-filter';
import { TASKS_LIMIT, TasksStore } from './tasks.store';

const tasks = [
  aTask({ upid: 'a', type: 'vzstart', id: '101' }),
  aTask({
    upid: 'b',
    type: 'vzcreate',
    id: '120',
    status: 'running',
    exitstatus: undefined,
    ok: undefined,
  }),
  aTask({
    upid: 'c',
    type: 'vzstop',
    id: '102',
    exitstatus: 'CT is locked',
    ok: false,
    user: 'bob@pve',
  }),
];

describe('filterTasks', () => {
  it('filters by status', () => {
    expect(filterTasks(tasks, '', 'running').map((t) => t.upid)).toEqual(['b']);
    expect(filterTasks(tasks, '', 'failed').map((t) => t.upid)).toEqual(['c']);
    expect(filterTasks(tasks, '', 'ok').map((t) => t.upid)).toEqual(['a']);
    expect(filterTasks(tasks, '', 'all')).toHaveLength(3);
  });
  it('matches text in the type label, guest, user and error', () => {
    expect(filterTasks(tasks, 'create', 'all').map((t) => t.upid)).toEqual(['b']);
    expect(filterTasks(tasks, 'bob', 'all').map((t) => t.upid)).toEqual(['c']);
    expect(filterTasks(tasks, 'locked', 'all').map((t) => t.upid)).toEqual(['c']);
  });
  it('judges failure from the exit status when ok is absent', () => {
    expect(taskFailed(aTask({ ok: undefined, exitstatus: 'WARNINGS: 1' }))).toBe(false);
    expect(taskFailed(aTask({ ok: undefined, exitstatus: 'boom' }))).toBe(true);
  });
});

describe('task table helpers', () => {
  it('names worker types in words', () => {
    expect(taskTypeLabel('vzcreate')).toBe('Create');
    expect(taskTypeLabel('qmstart')).toBe('qmstart');
  });
  it("shows running, OK or Proxmox's exit status", () => {
    expect(taskStatusLabel({ status: 'running' })).toBe('running');
    expect(taskStatusLabel({ status: 'stopped', exitstatus: 'OK' })).toBe('OK');
    expect(taskStatusLabel({ status: 'stopped', exitstatus: 'no space' })).toBe('no space');
  });
  it('measures a running task up to now', () => {
    expect(taskDuration({ starttime: 100, endtime: 130 }, 0)).toBe('30s');
    expect(taskDuration({ starttime: 100 }, 160_000)).toBe('1m 00s');
  });
});

describe('TasksStore', () => {
  it('loads recent tasks, filters them and finds the selected one', async () => {
    const listTasks = vi.fn(() => of(listOf(tasks)));
    TestBed.configureTestingModule({
      providers: [TasksStore, { provide: TasksService, useValue: { listTasks } }],
    });
    const store = TestBed.inject(TasksStore);
    await store.refresh();
    expect(listTasks).toHaveBeenCalledWith({ limit: TASKS_LIMIT });
    store.status.set('failed');
    expect(store.visible().map((t) => t.upid)).toEqual(['c']);
    store.selectedUpid.set('b');
    expect(store.selected()?.id).toBe('120');
  });
});
