import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Database from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import {
  deleteExpiredSql,
  insertRollupSql,
  insertSamplesSql,
  lastTimeSql,
  rollupFromRollupsSql,
  rollupFromSamplesSql,
  runSample,
  seriesSql,
  subjectMeansSql,
} from './analytics-sql.js';
import {
  RETENTION_BATCH_ROWS,
  TIER_1H,
  TIER_5M,
  VACUUM_BATCH_PAGES,
} from './analytics.constants.js';
import type {
  RollupRow,
  SampleMetric,
  SampleRow,
  SeriesRow,
  SubjectKind,
  SubjectMeans,
} from './analytics.types.js';
import { type ThresholdRun, type ThresholdRunQuery, thresholdRunsSql } from './threshold-runs.js';

/** Below this size the one-time switch to auto_vacuum=INCREMENTAL (a full VACUUM) is cheap. */
const VACUUM_SWITCH_MAX_BYTES = 256 * 1024 * 1024;

export interface SeriesQuery {
  kind: SubjectKind;
  id: number | string;
  source: 'raw' | '5m' | '1h';
  bucket: number;
  from: number;
  to: number;
  metrics: readonly SampleMetric[];
  capacity: string | null;
}

/**
 * The analytics tables, through better-sqlite3 prepared statements on TypeORM's own connection:
 * a cycle writes ~1,000 rows and a chart reads thousands, where TypeORM's per-entity layer would
 * cost more than the SQLite work itself. Statements are prepared once and cached by their text.
 */
@Injectable()
export class AnalyticsRepository implements OnModuleInit {
  private readonly logger = new Logger(AnalyticsRepository.name);
  private readonly statements = new Map<string, Database.Statement>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.enableIncrementalVacuum();
  }

  /** One cycle's container and node samples in a single transaction. */
  writeCycle(cts: SampleRow[], nodes: SampleRow[]): void {
    const ct = this.stmt(insertSamplesSql('ct', 'REPLACE'));
    const node = this.stmt(insertSamplesSql('node', 'REPLACE'));
    this.db.transaction(() => {
      for (const row of cts) runSample(ct, row);
      for (const row of nodes) runSample(node, row);
    })();
  }

  /** Backfilled points never replace a stored row; returns how many were new. */
  insertBackfill(kind: SubjectKind, samples: SampleRow[], rollups: RollupRow[]): number {
    const s = this.stmt(insertSamplesSql(kind, 'IGNORE'));
    const r = this.stmt(insertRollupSql(kind));
    return this.db.transaction(() => {
      let added = 0;
      for (const row of samples) added += runSample(s, row).changes;
      for (const row of rollups) added += r.run(row).changes;
      return added;
    })();
  }

  /** Epoch seconds of the newest stored data of a subject (raw or 5-minute), if any. */
  lastTime(kind: SubjectKind, id: number | string): number | undefined {
    const row = this.stmt(lastTimeSql(kind)).get({ key: id }) as { t: number | null };
    return row.t ?? undefined;
  }

  /**
   * Recomputes, per subject, the 5-minute buckets touching [from, to) and the hours holding them;
   * one indexed range per subject instead of a scan of the whole table by time.
   */
  rollup(
    kind: SubjectKind,
    dirty: Iterable<[id: number | string, from: number]>,
    to: number,
  ): void {
    const fiveMinutes = this.stmt(rollupFromSamplesSql(kind, TIER_5M));
    const hours = this.stmt(rollupFromRollupsSql(kind, TIER_1H, TIER_5M));
    const toH = Math.ceil(to / TIER_1H) * TIER_1H;
    this.db.transaction(() => {
      for (const [key, from] of dirty) {
        const fromH = Math.floor(from / TIER_1H) * TIER_1H;
        fiveMinutes.run({ key, from: Math.floor(from / TIER_5M) * TIER_5M, to: toH });
        hours.run({ key, from: fromH, to: toH });
      }
    })();
  }

  series(q: SeriesQuery): SeriesRow[] {
    const sql = seriesSql(q.kind, q.source === 'raw', q.metrics, q.capacity);
    const tier = q.source === '1h' ? TIER_1H : TIER_5M;
    const params = { key: q.id, bucket: q.bucket, from: q.from, to: q.to };
    return this.stmt(sql)
      .raw(true)
      .all(q.source === 'raw' ? params : { ...params, tier }) as SeriesRow[];
  }

  subjectMeans(kind: SubjectKind, tier: number, from: number, to: number): SubjectMeans[] {
    return this.stmt(subjectMeansSql(kind)).all({ tier, from, to }) as SubjectMeans[];
  }

  /** Stretches of raw samples above a limit that held `forS` seconds (an alert rule's preview). */
  thresholdRuns(q: ThresholdRunQuery): ThresholdRun[] {
    return this.stmt(thresholdRunsSql(q.kind, q.value)).all({
      from: q.from,
      to: q.to,
      limit: q.limit,
      for: q.forS,
      ids: q.ids ? JSON.stringify(q.ids) : null,
      max: q.max,
    }) as ThresholdRun[];
  }

  /** Deletes rows older than `before` in batches; returns the number deleted. */
  deleteExpired(
    kind: SubjectKind,
    table: 'samples' | 'rollups',
    before: number,
    tier?: number,
  ): number {
    const stmt = this.stmt(deleteExpiredSql(kind, table));
    const params = { before, limit: RETENTION_BATCH_ROWS, ...(tier ? { tier } : {}) };
    let total = 0;
    for (;;) {
      const { changes } = stmt.run(params);
      total += changes;
      if (changes < RETENTION_BATCH_ROWS) return total;
    }
  }

  /** Gives free pages back to the file system, a bounded number of pages per statement. */
  reclaimSpace(): number {
    if (this.autoVacuumMode() !== 2) return 0;
    const before = this.freePages();
    for (let free = before; free > 0; ) {
      this.db.pragma(`incremental_vacuum(${VACUUM_BATCH_PAGES})`);
      const left = this.freePages();
      if (left >= free) break;
      free = left;
    }
    return before - this.freePages();
  }

  private freePages(): number {
    return this.db.pragma('freelist_count', { simple: true }) as number;
  }

  /** Bytes the database file holds (page_count × page_size). */
  databaseBytes(): number {
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    return pages * (this.db.pragma('page_size', { simple: true }) as number);
  }

  private autoVacuumMode(): number {
    return this.db.pragma('auto_vacuum', { simple: true }) as number;
  }

  /**
   * auto_vacuum can only change on an empty file or through a VACUUM. The migrations create the
   * tables before any module starts, so on a new (small) database we switch once with VACUUM;
   * a large legacy file keeps its mode and the retention job just reuses its free pages.
   */
  private enableIncrementalVacuum(): void {
    if (this.autoVacuumMode() === 2) return;
    if (this.databaseBytes() > VACUUM_SWITCH_MAX_BYTES) {
      this.logger.warn('auto_vacuum is not INCREMENTAL; freed pages are reused, not returned');
      return;
    }
    this.db.pragma('auto_vacuum = INCREMENTAL');
    this.db.exec('VACUUM');
  }

  private get db(): Database.Database {
    return (this.dataSource.driver as unknown as { databaseConnection: Database.Database })
      .databaseConnection;
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }
}
