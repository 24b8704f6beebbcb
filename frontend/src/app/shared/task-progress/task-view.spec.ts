import { TestBed } from '@angular/core/testing';
import { TaskProgressPanelComponent } from './task-progress-panel.component';
import {
  TaskView,
  isTaskDone,
  taskElapsedSeconds,
  taskFailed,
  taskHeadline,
  taskOutcome,
} from './task-view';

const running: TaskView = { upid: 'UPID:pve1:1', status: 'running', startedAt: 1_000_000 };

describe('a task that failed on a lock', () => {
  const locked: TaskView = {
    ...running,
    status: 'stopped',
    exitstatus: 'CT is locked (backup)',
    lockedBy: 'backup',
  };
  it('is locked, a failure, with a headline that says to wait', () => {
    expect(taskOutcome(locked)).toBe('locked');
    expect(taskFailed(locked)).toBe(true);
    expect(taskHeadline(locked)).toBe(
      'Locked (backup): CT is locked (backup). Try again when that task ends',
    );
  });
});

describe('an HA start (hastart task that ended OK at once)', () => {
  const requested: TaskView = {
    ...running,
    status: 'stopped',
    exitstatus: 'OK',
    ha: { progress: 'requested', message: 'HA: start requested' },
  };
  it('keeps running with "HA: start requested" until the CT runs', () => {
    expect(taskOutcome(requested)).toBe('running');
    expect(isTaskDone(requested)).toBe(false);
    expect(taskHeadline(requested)).toBe('HA: start requested…');
  });
  it('is done when the HA manager brought the CT up', () => {
    const done = { ...requested, ha: { progress: 'done' as const, message: 'HA: start done' } };
    expect(taskOutcome(done)).toBe('ok');
    expect(taskHeadline(done)).toBe('HA: start done');
  });
  it('fails when the HA state says error', () => {
    const failed = {
      ...requested,
      ha: { progress: 'failed' as const, message: 'HA: start failed' },
    };
    expect(taskFailed(failed)).toBe(true);
    expect(taskHeadline(failed)).toBe('HA: start failed');
  });
});

describe('taskOutcome', () => {
  it('is running while Proxmox says so', () => expect(taskOutcome(running)).toBe('running'));
  it('is ok for exit status OK', () =>
    expect(taskOutcome({ ...running, status: 'stopped', exitstatus: 'OK' })).toBe('ok'));
  it('separates warnings from failures', () =>
    expect(taskOutcome({ ...running, status: 'stopped', exitstatus: 'WARNINGS: 2' })).toBe(
      'warnings',
    ));
  it('treats any other exit status as failure', () =>
    expect(taskOutcome({ ...running, status: 'stopped', exitstatus: 'CT is locked' })).toBe(
      'failed',
    ));
  it('treats a stopped task without exit status as failed', () =>
    expect(taskOutcome({ ...running, status: 'stopped' })).toBe('failed'));
  it('knows when a task is done', () => {
    expect(isTaskDone(running)).toBe(false);
    expect(isTaskDone({ ...running, status: 'stopped', exitstatus: 'OK' })).toBe(true);
  });
});

describe('taskHeadline', () => {
  it("quotes Proxmox's error text on failure", () =>
    expect(
      taskHeadline({ ...running, status: 'stopped', exitstatus: 'unable to create CT 101' }),
    ).toBe('Failed: unable to create CT 101'));
  it('mentions warnings', () =>
    expect(taskHeadline({ ...running, status: 'stopped', exitstatus: 'WARNINGS: 1' })).toBe(
      'Finished with warnings: 1',
    ));
  it('reads running and success plainly', () => {
    expect(taskHeadline(running)).toBe('Running…');
    expect(taskHeadline({ ...running, status: 'stopped', exitstatus: 'OK' })).toBe(
      'Finished successfully',
    );
  });
});

describe('taskElapsedSeconds', () => {
  it('counts to now while running', () => expect(taskElapsedSeconds(running, 1_005_000)).toBe(5));
  it('uses the end time once ended', () =>
    expect(
      taskElapsedSeconds(
        { ...running, status: 'stopped', exitstatus: 'OK', endedAt: 1_012_000 },
        9e9,
      ),
    ).toBe(12));
  it('is unknown without a start', () =>
    expect(taskElapsedSeconds({ upid: 'x', status: 'running' }, 1)).toBeNull());
});

describe('TaskProgressPanelComponent', () => {
  it('shows the failure text and the log', async () => {
    const fixture = TestBed.createComponent(TaskProgressPanelComponent);
    fixture.componentRef.setInput('task', {
      ...running,
      status: 'stopped',
      exitstatus: 'storage local-lvm full',
      log: ['extracting archive', 'TASK ERROR: storage local-lvm full'],
    } satisfies TaskView);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('.headline')?.textContent).toContain('Failed: storage local-lvm full');
    expect(el.querySelector('.log')?.textContent).toContain('extracting archive');
    expect(el.querySelector('mat-progress-bar')).toBeNull();
  });

  it('shows only the newest log line in compact mode', async () => {
    const fixture = TestBed.createComponent(TaskProgressPanelComponent);
    fixture.componentRef.setInput('task', { ...running, log: ['starting', 'downloading: 45%'] });
    fixture.componentRef.setInput('showLog', false);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('.last-line')?.textContent).toBe('downloading: 45%');
    expect(el.querySelector('.log')).toBeNull();
  });

  it('shows a progress bar while running', async () => {
    const fixture = TestBed.createComponent(TaskProgressPanelComponent);
    fixture.componentRef.setInput('task', running);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('mat-progress-bar')).not.toBeNull();
  });
});
