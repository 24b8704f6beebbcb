import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Subject, of, throwError } from 'rxjs';
import { NameCheckDto } from '../../api/models';
import { ContainersService, NamesService, NodesService } from '../../api/services';
import { TaskTracker } from '../../core/tasks/task-tracker';
import { aNode, aStorage, listOf } from '../../testing/fakes';
import { baseWizardValue } from '../../testing/fakes';
import { CreateStore } from './create.store';

function setup(
  createContainer: () => unknown = () =>
    of({ vmid: 120, node: 'pve1', hostname: 'brave-otter', upid: 'UPID:c' }),
) {
  const checks: Subject<NameCheckDto>[] = [];
  const names = {
    suggestName: vi.fn(() => of({ hostname: 'brave-otter' })),
    checkName: vi.fn(() => {
      const answer = new Subject<NameCheckDto>();
      checks.push(answer);
      return answer;
    }),
  };
  const nodes = {
    listNodes: () =>
      of(listOf([aNode({ node: 'pve1', mem: 30 * 1024 ** 3 }), aNode({ node: 'pve2' })])),
    listNodeStorages: vi.fn(() =>
      of(
        listOf([aStorage({ storage: 'small', avail: 1 }), aStorage({ storage: 'big', avail: 9 })]),
      ),
    ),
  };
  const track = vi.fn(() => ({
    finished: Promise.resolve({ upid: 'UPID:c', status: 'stopped', exitstatus: 'OK' }),
    done: () => true,
    error: () => null,
    stop: vi.fn(),
  }));
  TestBed.configureTestingModule({
    providers: [
      CreateStore,
      { provide: NamesService, useValue: names },
      { provide: NodesService, useValue: nodes },
      { provide: ContainersService, useValue: { createContainer } },
      { provide: TaskTracker, useValue: { track } },
    ],
  });
  return { store: TestBed.inject(CreateStore), names, nodes, checks, track };
}

describe('CreateStore', () => {
  beforeEach(() => localStorage.clear());

  it('suggests a name and loads the storages of the chosen node, most free first', async () => {
    const { store, nodes } = setup();
    expect(await store.suggestName()).toBe('brave-otter');
    await store.chooseNode('pve2');
    expect(nodes.listNodeStorages).toHaveBeenCalledWith({ node: 'pve2', content: 'rootdir' });
    expect(store.storages().map((s) => s.storage)).toEqual(['big', 'small']);
  });

  it('only lets the newest name check decide', async () => {
    const { store, checks } = setup();
    const first = store.checkName('web');
    const second = store.checkName('web-1');
    expect(store.nameCheck().state).toBe('checking');
    checks[1].next({ hostname: 'web-1', available: true });
    checks[1].complete();
    await second;
    checks[0].next({ hostname: 'web', available: false, reason: 'used by CT 101' });
    checks[0].complete();
    await first;
    expect(store.nameCheck()).toEqual({
      hostname: 'web-1',
      state: 'available',
      message: 'Available',
    });
  });

  it('reports a taken name with its reason, and an empty name as idle', async () => {
    const { store, checks } = setup();
    const pending = store.checkName('web');
    checks[0].next({ hostname: 'web', available: false, reason: 'already used by CT 101 on pve1' });
    checks[0].complete();
    await pending;
    expect(store.nameCheck().message).toBe('already used by CT 101 on pve1');
    await store.checkName('  ');
    expect(store.nameCheck().state).toBe('idle');
  });

  it('creates the container and follows the create task', async () => {
    const { store, track } = setup();
    expect(await store.submit(baseWizardValue)).toBe(true);
    expect(track).toHaveBeenCalledWith('UPID:c');
    expect(store.submission()?.result?.vmid).toBe(120);
    store.resetSubmission();
    expect(store.submission()).toBeNull();
  });

  it('keeps the message and field errors of a refused request', async () => {
    const { store } = setup(() =>
      throwError(
        () =>
          new HttpErrorResponse({
            status: 400,
            error: { message: 'Invalid input', fields: { hostname: 'hostname is taken' } },
          }),
      ),
    );
    expect(await store.submit(baseWizardValue)).toBe(false);
    expect(store.submission()?.requestError).toBe('Invalid input');
    expect(store.submission()?.fieldErrors).toEqual({ hostname: 'hostname is taken' });
    expect(store.submitting()).toBe(false);
  });
});
