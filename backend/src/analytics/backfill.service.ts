import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ProxmoxClient } from '../proxmox/proxmox.client.js';
import type { RrdConsolidation, RrdPoint } from '../proxmox/proxmox.types.js';
import { AnalyticsRepository } from './analytics.repository.js';
import type { RollupRow, SampleRow } from './analytics.types.js';
import {
  type BackfillJob,
  type RrdRead,
  coarseRollup,
  planBackfill,
  pointsInWindow,
} from './backfill-plan.js';
import { pointSteps } from './rrd-steps.js';
import { RollupTracker } from './rollup-tracker.js';
import { containerRrdSample, nodeRrdSample } from './sample-mappers.js';

/**
 * RRD reads in flight at once. One fills 1,000 new CTs in about two minutes on pve-sim; a second
 * worker did not shorten that on 2 cores, nor lower the memory peak (see bench/README.md).
 */
const WORKERS = 1;
/** A failed job is tried again after 30 s, 60 s, 120 s; then its gap stays until the next one. */
export const BACKFILL_RETRIES = 3;
export const BACKFILL_RETRY_BASE_MS = 30_000;

/**
 * Fills gaps from PVE's RRD in the background, one subject at a time per worker. A subject queued
 * twice is merged into one job covering both gaps; a job that fails is retried with backoff.
 */
@Injectable()
export class BackfillService implements OnModuleDestroy {
  private readonly logger = new Logger(BackfillService.name);
  private readonly queue = new Map<string, BackfillJob>();
  private readonly retries = new Set<NodeJS.Timeout>();
  private active = 0;
  private idle: (() => void)[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly proxmox: ProxmoxClient,
    private readonly repository: AnalyticsRepository,
    private readonly tracker: RollupTracker,
  ) {}

  onModuleDestroy(): void {
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
  }

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

  /** Jobs queued or running (retries waiting for their backoff are not counted). */
  get pending(): number {
    return this.queue.size + this.active;
  }

  /** Jobs waiting for their backoff before another try. */
  get retrying(): number {
    return this.retries.size;
  }

  /** Resolves once every queued job is done (tests and the bench wait on it). */
  drain(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private async work(): Promise<void> {
    this.active += 1;
    try {
      for (let job = this.next(); job; job = this.next()) {
        if ((await this.fill(job)) === undefined) this.retryLater(job);
      }
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

  /** Queues the job again after a backoff; rows it already added are skipped on the next try. */
  private retryLater(job: BackfillJob): void {
    const attempt = (job.attempt ?? 0) + 1;
    if (attempt > BACKFILL_RETRIES) {
      this.logger.warn(`backfill of ${job.kind} ${job.id} gave up after ${attempt} tries`);
      return;
    }
    const timer = setTimeout(
      () => {
        this.retries.delete(timer);
        this.enqueue({ ...job, attempt });
      },
      BACKFILL_RETRY_BASE_MS * 2 ** (attempt - 1),
    );
    timer.unref();
    this.retries.add(timer);
  }

  /** Rows added; undefined when a read failed (logged; the caller retries the job later). */
  async fill(job: BackfillJob): Promise<number | undefined> {
    let added = 0;
    try {
      for (const read of planBackfill(job, this.config.retentionDays)) {
        added += await this.fillRead(job, read);
      }
      return added;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`backfill of ${job.kind} ${job.id} failed: ${message}`);
      return undefined;
    }
  }

  /** One read into the tier its target names; each point's step comes from the answer. */
  private async fillRead(job: BackfillJob, read: RrdRead): Promise<number> {
    const rows = await this.readSamples(job, read, 'AVERAGE');
    if (rows.length === 0) return 0;
    // the last day's rows keep their mean only: on PVE 9 they are minute points, whose archive
    // holds one primary point per row (MAX equals AVERAGE); PVE 8's 30-minute points lose their
    // peak there, a price for the 24-hour chart (read from the raw samples) showing them at all
    const added =
      read.target === 'samples'
        ? this.repository.insertBackfill(job.kind, rows, [])
        : this.repository.insertBackfill(job.kind, [], await this.withPeaks(job, read, rows));
    this.tracker.mark(job.kind, job.id, rows[0].t);
    return added;
  }

  /** Rows older than a day with the peaks of PVE's MAX archive for the same buckets. */
  private async withPeaks(
    job: BackfillJob,
    read: RrdRead,
    rows: SampleRow[],
  ): Promise<RollupRow[]> {
    const peaks = new Map((await this.readSamples(job, read, 'MAX')).map((r) => [r.t, r]));
    return rows.map((r) => {
      const peak = peaks.get(r.t);
      return coarseRollup(r, peak?.step === r.step ? peak : undefined);
    });
  }

  /** One RRD read turned into sample rows of the window, oldest first; the raw answer is dropped. */
  private async readSamples(
    job: BackfillJob,
    read: RrdRead,
    cf: RrdConsolidation,
  ): Promise<SampleRow[]> {
    const points = pointsInWindow(pointSteps(await this.readRrd(job, read, cf)), read);
    const rows: SampleRow[] = [];
    for (const { point, step } of points) {
      const row = this.toSample(job, point, step);
      if (row) rows.push(row);
    }
    return rows;
  }

  private readRrd(job: BackfillJob, read: RrdRead, cf: RrdConsolidation): Promise<RrdPoint[]> {
    return job.kind === 'ct'
      ? this.proxmox.getContainerRrd(job.node, Number(job.id), read.timeframe, cf)
      : this.proxmox.getNodeRrd(job.node, read.timeframe, cf);
  }

  private toSample(job: BackfillJob, p: RrdPoint, step: number): SampleRow | undefined {
    return job.kind === 'ct'
      ? containerRrdSample(Number(job.id), p, step)
      : nodeRrdSample(String(job.id), p, step);
  }
}
