import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import type { RrdPoint } from '../proxmox/proxmox.types.js';
import { AnalyticsRepository } from './analytics.repository.js';
import type { SampleRow } from './analytics.types.js';
import {
  type BackfillJob,
  type RrdRead,
  halfHourRollup,
  planBackfill,
  pointsInWindow,
} from './backfill-plan.js';
import { RollupTracker } from './rollup-tracker.js';
import { containerRrdSample, nodeRrdSample } from './sample-mappers.js';

/**
 * RRD reads in flight at once. One fills 1,000 new CTs in about two minutes on pve-sim; a second
 * worker did not shorten that on 2 cores, nor lower the memory peak (see bench/README.md).
 */
const WORKERS = 1;

/**
 * Fills gaps from PVE's RRD in the background, one subject at a time per worker. A subject queued
 * twice is merged into one job covering both gaps.
 */
@Injectable()
export class BackfillService {
  private readonly logger = new Logger(BackfillService.name);
  private readonly queue = new Map<string, BackfillJob>();
  private active = 0;
  private idle: (() => void)[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly proxmox: ProxmoxClient,
    private readonly repository: AnalyticsRepository,
    private readonly tracker: RollupTracker,
  ) {}

  enqueue(job: BackfillJob): void {
    const key = `${job.kind}:${job.id}`;
    const queued = this.queue.get(key);
    const after =
      queued && (queued.after === undefined || job.after === undefined)
        ? undefined
        : Math.min(queued?.after ?? Infinity, job.after ?? Infinity);
    this.queue.set(
      key,
      queued ? { ...job, after, before: Math.max(queued.before, job.before) } : job,
    );
    // start on the next turn, so the gaps one cycle finds are queued (and merged) first
    setImmediate(() => this.pump());
  }

  private pump(): void {
    while (this.active < WORKERS && this.queue.size > 0) void this.work();
  }

  get pending(): number {
    return this.queue.size + this.active;
  }

  /** Resolves once every queued job is done (tests and the bench wait on it). */
  drain(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private async work(): Promise<void> {
    this.active += 1;
    try {
      for (let job = this.next(); job; job = this.next()) await this.fill(job);
    } finally {
      this.active -= 1;
      if (this.pending === 0) for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  private next(): BackfillJob | undefined {
    const first = this.queue.entries().next();
    if (first.done) return undefined;
    this.queue.delete(first.value[0]);
    return first.value[1];
  }

  /** Errors are logged and the gap stays open; a later gap or restart will try again. */
  async fill(job: BackfillJob): Promise<number> {
    let added = 0;
    try {
      for (const read of planBackfill(job, this.config.retentionDays)) {
        added += await this.fillRead(job, read);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`backfill of ${job.kind} ${job.id} failed: ${message}`);
    }
    return added;
  }

  private async fillRead(job: BackfillJob, read: RrdRead): Promise<number> {
    const points = pointsInWindow(await this.readRrd(job, read), read);
    const rows = points
      .map((p) => this.toSample(job, p, read.step))
      .filter((r): r is SampleRow => r !== undefined);
    if (rows.length === 0) return 0;
    const added =
      read.target === 'samples'
        ? this.repository.insertBackfill(job.kind, rows, [])
        : this.repository.insertBackfill(job.kind, [], rows.map(halfHourRollup));
    this.tracker.mark(job.kind, job.id, Math.min(...rows.map((r) => r.t)));
    return added;
  }

  private readRrd(job: BackfillJob, read: RrdRead): Promise<RrdPoint[]> {
    return job.kind === 'ct'
      ? this.proxmox.getContainerRrd(job.node, Number(job.id), read.timeframe, 'AVERAGE')
      : this.proxmox.getNodeRrd(job.node, read.timeframe, 'AVERAGE');
  }

  private toSample(job: BackfillJob, p: RrdPoint, step: number): SampleRow | undefined {
    return job.kind === 'ct'
      ? containerRrdSample(Number(job.id), p, step)
      : nodeRrdSample(String(job.id), p, step);
  }
}
