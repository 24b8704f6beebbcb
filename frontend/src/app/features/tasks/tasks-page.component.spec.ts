import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import { TasksService } from '../../api/services';
import { aTask, aTaskDetail, listOf } from '../../testing/fakes';
import TasksPageComponent from './tasks-page.component';

describe('TasksPageComponent', () => {
  it('lists tasks and shows the log of the task named in ?upid=', async () => {
    const task = aTask({ upid: 'UPID:x', exitstatus: 'CT is locked', ok: false });
    const getTask = vi.fn(() =>
      of(aTaskDetail({ ...task, log: [{ n: 1, t: 'TASK ERROR: CT is locked' }] })),
    );
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: TasksService, useValue: { listTasks: () => of(listOf([task])), getTask } },
      ],
    });
    const fixture = TestBed.createComponent(TasksPageComponent);
    fixture.componentRef.setInput('upid', 'UPID:x');
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelectorAll('tr.mat-mdc-row').length).toBe(1);
    expect(getTask).toHaveBeenCalledWith({ upid: 'UPID:x', start: 0 });
    expect(el.querySelector('.log')?.textContent).toContain('TASK ERROR: CT is locked');
    expect(el.textContent).toContain('Start 101 on pve1');
  });
});
