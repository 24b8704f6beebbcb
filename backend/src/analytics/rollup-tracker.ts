import { Injectable } from '@nestjs/common';
import type { SubjectKind } from './analytics.types.js';

/**
 * Which subjects got new data since the last rollup, and from when: the rollup job recomputes
 * only those buckets, so a minute's rollup touches a handful of rows per subject.
 */
@Injectable()
export class RollupTracker {
  private readonly dirty: Record<SubjectKind, Map<number | string, number>> = {
    ct: new Map(),
    node: new Map(),
  };

  mark(kind: SubjectKind, id: number | string, from: number): void {
    const map = this.dirty[kind];
    const known = map.get(id);
    if (known === undefined || from < known) map.set(id, from);
  }

  /** Hands over the pending entries and starts a new set. */
  take(kind: SubjectKind): Map<number | string, number> {
    const taken = this.dirty[kind];
    this.dirty[kind] = new Map();
    return taken;
  }
}
