import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { of, throwError } from 'rxjs';
import { ContainersService } from '../../api/services';
import { TaskTracker } from '../../core/tasks/task-tracker';
import { TaskView } from '../../shared/task-progress/task-view';
import { BulkActionRunner, summarize } from './bulk-actions';

function finishedTask(exitstatus: string): TaskView {
  return { upid: 'x', status: 'stopped', exitstatus, log: [] };
}

describe('BulkActionRunner', () => {
  it('reports a result per container: refused, failed in Proxmox, and succeeded', async () => {
    const start = vi.fn(({ vmid }: { vmid: number }) => {
      if (vmid === 101) {
        return throwError(
          () =>
            new HttpErrorResponse({
              status: 403,
              error: { message: 'missing privilege VM.PowerMgmt on /vms/101' },
            }),
        );
      }
      return of({ upid: `UPID:${vmid}` });
    });
    const track = vi.fn((upid: string) => ({
      finished: Promise.resolve(
        finishedTask(upid === 'UPID:102' ? 'startup for container 102 failed' : 'OK'),
      ),
      error: () => null,
    }));
    TestBed.configureTestingModule({
      providers: [
        BulkActionRunner,
        { provide: ContainersService, useValue: { startContainer: start } },
        { provide: TaskTracker, useValue: { track } },
      ],
    });
    const runner = TestBed.inject(BulkActionRunner);

    const done = runner.run('start', [
      { vmid: 101, name: 'a' },
      { vmid: 102, name: 'b' },
      { vmid: 103, name: 'c' },
    ]);
    expect(runner.running()).toBe(true);
    await done;

    expect(runner.running()).toBe(false);
    expect(runner.results().map((r) => [r.vmid, r.state, r.message])).toEqual([
      [101, 'failed', 'missing privilege VM.PowerMgmt on /vms/101'],
      [102, 'failed', 'Failed: startup for container 102 failed'],
      [103, 'ok', 'Finished successfully'],
    ]);
    expect(runner.summary()).toBe('1 succeeded, 2 failed');
    runner.clear();
    expect(runner.results()).toEqual([]);
  });

  it('says so when it lost track of a task', async () => {
    TestBed.configureTestingModule({
      providers: [
        BulkActionRunner,
        { provide: ContainersService, useValue: { rebootContainer: () => of({ upid: 'u' }) } },
        {
          provide: TaskTracker,
          useValue: { track: () => ({ finished: Promise.resolve(null), error: () => 'gone' }) },
        },
      ],
    });
    const runner = TestBed.inject(BulkActionRunner);
    await runner.run('reboot', [{ vmid: 101, name: 'a' }]);
    expect(runner.results()[0]).toMatchObject({ state: 'failed', message: 'gone' });
  });
});

describe('summarize', () => {
  it('mentions work still in progress', () =>
    expect(
      summarize([
        { vmid: 1, name: 'a', state: 'ok', message: '' },
        { vmid: 2, name: 'b', state: 'running', message: '' },
      ]),
    ).toBe('1 succeeded, 1 in progress'));
});
