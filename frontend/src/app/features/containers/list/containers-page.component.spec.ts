import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import { ContainersService, NodesService } from '../../../api/services';
import { TaskTracker } from '../../../core/tasks/task-tracker';
import { aContainer, aNode, listOf } from '../../../testing/fakes';
import { SELECTOR_DEBOUNCE_MS } from '../selector-search';
import ContainersPageComponent from './containers-page.component';
import { provideSignedIn, signIn } from '../../../core/auth/auth.testing';

const list = [
  aContainer({ vmid: 101, name: 'web-1', tags: ['web'] }),
  aContainer({ vmid: 102, name: 'db-1', status: 'stopped' }),
];

async function render(containers = list) {
  localStorage.clear();
  const api = {
    // the server resolves selectors; this fake knows bare words in names only
    listContainers: vi.fn((p: { selector?: string } = {}) =>
      of(listOf(containers.filter((c) => !p.selector || c.name.includes(p.selector)))),
    ),
    startContainer: vi.fn(() => of({ upid: 'UPID:s' })),
  };
  const track = vi.fn(() => ({
    finished: Promise.resolve({ upid: 'UPID:s', status: 'stopped', exitstatus: 'OK' }),
    error: () => null,
  }));
  TestBed.configureTestingModule({
    providers: [
      ...provideSignedIn(),
      provideRouter([]),
      { provide: ContainersService, useValue: api },
      { provide: NodesService, useValue: { listNodes: () => of(listOf([aNode()])) } },
      { provide: TaskTracker, useValue: { track } },
    ],
  });
  await signIn();
  const fixture = TestBed.createComponent(ContainersPageComponent);
  await fixture.whenStable();
  return { fixture, el: fixture.nativeElement as HTMLElement, api };
}

describe('ContainersPageComponent', () => {
  it('lists containers with links to their pages', async () => {
    const { el } = await render();
    const rows = el.querySelectorAll('tr.mat-mdc-row');
    expect(rows.length).toBe(2);
    expect(el.querySelector('a.name')?.getAttribute('href')).toBe('/containers/101');
    expect(el.textContent).toContain('Containers (2)');
  });

  it('resolves the ?q= query parameter as a selector on the server', async () => {
    const { fixture, el, api } = await render();
    fixture.componentRef.setInput('q', 'db');
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve, SELECTOR_DEBOUNCE_MS + 20));
    await fixture.whenStable();
    expect(api.listContainers).toHaveBeenCalledWith({ selector: 'db' });
    expect(el.querySelectorAll('tr.mat-mdc-row').length).toBe(1);
    expect(el.textContent).toContain('Clear filters');
  });

  it('runs a bulk start on the selected stopped container and shows per-item results', async () => {
    const { fixture, el, api } = await render();
    const boxes = el.querySelectorAll<HTMLInputElement>('td input[type=checkbox]');
    boxes[0].click();
    boxes[1].click();
    await fixture.whenStable();
    const startButton = [...el.querySelectorAll<HTMLButtonElement>('.bulk-bar button')].find((b) =>
      b.textContent?.includes('Start'),
    )!;
    expect(startButton.textContent).toContain('(1)');
    startButton.click();
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
    expect(api.startContainer).toHaveBeenCalledWith({ vmid: 102 });
    expect(el.querySelector('pc-bulk-results')?.textContent).toContain('1 succeeded');
  });

  it('shows a designed empty state when there are no containers', async () => {
    const { el } = await render([]);
    expect(el.querySelector('pc-empty-state')?.textContent).toContain('No containers yet');
  });
});
