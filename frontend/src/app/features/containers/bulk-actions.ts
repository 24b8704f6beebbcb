import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { PlanDto, PlanTargetDto } from '../../api/models';
import { PlansService } from '../../api/services';
import { describeApiError } from '../../core/http/api-error';
import { PowerAction } from './container-list';

export type BulkItemState = 'requesting' | 'running' | 'ok' | 'failed' | 'skipped';
/** How often a running plan is read again (the console has no event stream for plans yet). */
export const PLAN_POLL_MS = 1_000;

export interface BulkItemResult {
  readonly vmid: number;
  readonly name: string;
  readonly state: BulkItemState;
  readonly message: string;
  readonly upid?: string;
}

export interface BulkTarget {
  readonly vmid: number;
  readonly name: string;
}

/**
 * Bulk actions go through a server-side plan: first the plan (which containers, whether the token
 * and the user's role allow each, warnings) is shown for review; only Execute runs it, on the
 * server, and the per-container results are read back until every target is settled.
 */
@Injectable()
export class BulkActionRunner {
  private readonly api = inject(PlansService);

  readonly action = signal<PowerAction | null>(null);
  /** the plan under review (state planned) or running/finished */
  readonly plan = signal<PlanDto | null>(null);
  readonly error = signal<string | null>(null);
  readonly results = signal<readonly BulkItemResult[]>([]);
  readonly running = computed(() =>
    this.results().some((r) => r.state === 'requesting' || r.state === 'running'),
  );
  readonly reviewing = computed(() => this.plan()?.state === 'planned');
  readonly actionable = computed(
    () => this.plan()?.targets.filter((t) => t.status === 'pending').length ?? 0,
  );
  readonly summary = computed(() => summarize(this.results()));

  /** Makes the plan; nothing is sent to Proxmox. */
  async review(action: PowerAction, targets: readonly BulkTarget[]): Promise<void> {
    this.clear();
    this.action.set(action);
    try {
      const body = { action, vmids: targets.map((t) => t.vmid) };
      this.plan.set(await firstValueFrom(this.api.createPlan({ body })));
    } catch (err) {
      this.error.set(describeApiError(err));
    }
  }

  /** Runs the reviewed plan on the server and follows it to its end. */
  async execute(): Promise<void> {
    const planned = this.plan();
    if (!planned) return;
    try {
      let plan = await firstValueFrom(this.api.executePlan({ id: planned.id, body: {} }));
      this.show(plan);
      while (plan.state === 'running') {
        await new Promise((r) => setTimeout(r, PLAN_POLL_MS));
        plan = await firstValueFrom(this.api.getPlan({ id: plan.id }));
        this.show(plan);
      }
    } catch (err) {
      this.error.set(describeApiError(err));
    }
  }

  /** Drops the plan under review (cancelled on the server, so it can never run). */
  async discard(): Promise<void> {
    const plan = this.plan();
    this.clear();
    if (plan?.state === 'planned') {
      await firstValueFrom(this.api.cancelPlan({ id: plan.id })).catch(() => undefined);
    }
  }

  clear(): void {
    this.action.set(null);
    this.plan.set(null);
    this.error.set(null);
    this.results.set([]);
  }

  private show(plan: PlanDto): void {
    this.plan.set(plan);
    this.results.set(plan.targets.map(toResult));
  }
}

function toResult(t: PlanTargetDto): BulkItemResult {
  const state: BulkItemState =
    t.status === 'pending' || t.status === 'running' ? 'running' : t.status;
  const message =
    t.error ??
    (t.status === 'ok' ? 'Finished successfully' : state === 'running' ? 'Running…' : '');
  return { vmid: t.vmid, name: t.name, state, message, upid: t.upid };
}

export function summarize(results: readonly BulkItemResult[]): string {
  const ok = results.filter((r) => r.state === 'ok').length;
  const failed = results.filter((r) => r.state === 'failed').length;
  const skipped = results.filter((r) => r.state === 'skipped').length;
  const pending = results.length - ok - failed - skipped;
  const parts = [`${ok} succeeded`];
  if (failed) parts.push(`${failed} failed`);
  if (skipped) parts.push(`${skipped} skipped`);
  if (pending) parts.push(`${pending} in progress`);
  return parts.join(', ');
}
