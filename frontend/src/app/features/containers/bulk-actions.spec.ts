import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { of, throwError } from 'rxjs';
import { PlanDto } from '../../api/models';
import { PlansService } from '../../api/services';
import { BulkActionRunner, summarize } from './bulk-actions';

const base = { node: 'pve1', warnings: [] };
const planned: PlanDto = {
  id: 'p1',
  action: 'stop',
  params: {},
  state: 'planned',
  createdBy: 'admin',
  createdAt: '',
  expiresAt: '',
  targets: [
    { ...base, vmid: 101, name: 'a', allowed: true, status: 'pending' },
    {
      ...base,
      vmid: 105,
      name: 'b',
      allowed: false,
      reason: 'The Proxmox token lacks VM.PowerMgmt on /vms/105',
      status: 'skipped',
      error: 'The Proxmox token lacks VM.PowerMgmt on /vms/105',
    },
  ],
};

function setup(plans: Partial<Record<keyof PlansService, unknown>>) {
  TestBed.configureTestingModule({
    providers: [BulkActionRunner, { provide: PlansService, useValue: plans }],
  });
  return TestBed.inject(BulkActionRunner);
}

describe('BulkActionRunner', () => {
  it('makes a plan for review and runs nothing until execute', async () => {
    const executePlan = vi.fn();
    const runner = setup({ createPlan: vi.fn(() => of(planned)), executePlan });
    await runner.review('stop', [
      { vmid: 101, name: 'a' },
      { vmid: 105, name: 'b' },
    ]);
    expect(runner.reviewing()).toBe(true);
    expect(runner.actionable()).toBe(1);
    expect(runner.results()).toEqual([]);
    expect(executePlan).not.toHaveBeenCalled();
  });

  it('executes the plan and reports each target as the server settles it', async () => {
    const settled: PlanDto = {
      ...planned,
      state: 'failed',
      targets: [
        { ...planned.targets[0], status: 'failed', error: 'CT is locked (backup)' },
        planned.targets[1],
      ],
    };
    const runner = setup({
      createPlan: () => of(planned),
      executePlan: () => of({ ...planned, state: 'running' }),
      getPlan: () => of(settled),
    });
    await runner.review('stop', [{ vmid: 101, name: 'a' }]);
    await runner.execute();
    expect(runner.running()).toBe(false);
    expect(runner.results().map((r) => [r.vmid, r.state, r.message])).toEqual([
      [101, 'failed', 'CT is locked (backup)'],
      [105, 'skipped', 'The Proxmox token lacks VM.PowerMgmt on /vms/105'],
    ]);
    expect(runner.summary()).toBe('0 succeeded, 1 failed, 1 skipped');
  });

  it('cancels a discarded plan on the server and says why a plan could not be made', async () => {
    const cancelPlan = vi.fn(() => of({ ...planned, state: 'cancelled' }));
    const runner = setup({
      createPlan: vi
        .fn()
        .mockReturnValueOnce(of(planned))
        .mockReturnValueOnce(
          throwError(
            () =>
              new HttpErrorResponse({ status: 400, error: { message: 'No such container: 999' } }),
          ),
        ),
      cancelPlan,
    });
    await runner.review('stop', [{ vmid: 101, name: 'a' }]);
    await runner.discard();
    expect(cancelPlan).toHaveBeenCalledWith({ id: 'p1' });
    expect(runner.plan()).toBeNull();
    await runner.review('stop', [{ vmid: 999, name: 'x' }]);
    expect(runner.error()).toBe('No such container: 999');
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
