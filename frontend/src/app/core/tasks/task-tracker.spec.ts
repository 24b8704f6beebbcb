import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Observable, of, throwError } from 'rxjs';
import { TaskDetailDto } from '../../api/models';
import { TasksService } from '../../api/services';
import { aTaskDetail } from '../../testing/fakes';
import { TASK_MAX_FAILURES, TASK_POLL_MS, TaskTracker, toTaskView } from './task-tracker';

const UPID = 'UPID:pve1:0001:0002:6745A1B2:vzcreate:120:root@pam:';

function trackerWith(
  getTask: (params: { upid: string; start?: number }) => Observable<TaskDetailDto>,
) {
  TestBed.configureTestingModule({ providers: [{ provide: TasksService, useValue: { getTask } }] });
  return TestBed.inject(TaskTracker);
}

describe('toTaskView', () => {
  it('converts epoch seconds and appends new log lines to the ones seen', () => {
    const view = toTaskView(
      aTaskDetail({ starttime: 10, endtime: 12, log: [{ n: 2, t: 'second' }] }),
      ['first'],
    );
    expect(view.startedAt).toBe(10_000);
    expect(view.endedAt).toBe(12_000);
    expect(view.log).toEqual(['first', 'second']);
  });
});

describe('TaskTracker', () => {
  afterEach(() => vi.useRealTimers());

  it('polls until the task stops, asking only for unseen log lines', async () => {
    vi.useFakeTimers();
    const answers = [
      aTaskDetail({
        status: 'running',
        exitstatus: undefined,
        endtime: undefined,
        log: [{ n: 1, t: 'extracting' }],
      }),
      aTaskDetail({ status: 'stopped', exitstatus: 'OK', log: [{ n: 2, t: 'TASK OK' }] }),
    ];
    const getTask = vi.fn(() => of(answers.shift()!));
    const tracked = trackerWith(getTask).track(UPID);

    await vi.advanceTimersByTimeAsync(0);
    expect(tracked.task()?.status).toBe('running');
    expect(tracked.done()).toBe(false);

    await vi.advanceTimersByTimeAsync(TASK_POLL_MS);
    expect(getTask).toHaveBeenLastCalledWith({ upid: UPID, start: 1 });
    const final = await tracked.finished;
    expect(final?.log).toEqual(['extracting', 'TASK OK']);
    expect(tracked.done()).toBe(true);

    await vi.advanceTimersByTimeAsync(5 * TASK_POLL_MS);
    expect(getTask).toHaveBeenCalledTimes(2);
  });

  it('retries quietly, then reports the error after repeated failures', async () => {
    vi.useFakeTimers();
    const getTask = vi.fn(() =>
      throwError(
        () =>
          new HttpErrorResponse({ status: 403, error: { message: 'missing privilege Sys.Audit' } }),
      ),
    );
    const tracked = trackerWith(getTask).track(UPID);
    await vi.advanceTimersByTimeAsync(TASK_POLL_MS * (TASK_MAX_FAILURES - 2));
    expect(tracked.error()).toBeNull();
    await vi.advanceTimersByTimeAsync(TASK_POLL_MS * 2);
    expect(tracked.error()).toBe('missing privilege Sys.Audit');
    expect(await tracked.finished).toBeNull();
    expect(tracked.done()).toBe(true);
  });

  it('stops polling when told to', async () => {
    vi.useFakeTimers();
    const getTask = vi.fn(() => of(aTaskDetail({ status: 'running', exitstatus: undefined })));
    const tracked = trackerWith(getTask).track(UPID);
    await vi.advanceTimersByTimeAsync(0);
    tracked.stop();
    await vi.advanceTimersByTimeAsync(10 * TASK_POLL_MS);
    expect(getTask).toHaveBeenCalledTimes(1);
  });

  it('sends the UPID URL-encoded to the tasks endpoint of the generated client', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const tracked = TestBed.inject(TaskTracker).track(UPID);
    const http = TestBed.inject(HttpTestingController);
    const req = http.expectOne((r) => r.url.startsWith('/api/tasks/'));
    expect(req.request.url).toBe(`/api/tasks/${encodeURIComponent(UPID)}`);
    expect(req.request.params.get('start')).toBe('0');
    req.flush(aTaskDetail({ upid: UPID }));
    expect((await tracked.finished)?.exitstatus).toBe('OK');
  });
});
