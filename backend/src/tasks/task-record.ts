import type { TaskLogLine, TaskSummary } from '../proxmox/proxmox.types.js';

/**
 * Everything the console knows about one task, cached per task (not per log page, as the UI
 * tails a running task with a growing `start`): its status and the log lines read so far, a
 * contiguous run from the first line.
 */
export interface TaskRecord {
  status: TaskSummary;
  lines: TaskLogLine[];
  /** total log lines Proxmox reported with the last page read */
  total: number;
}

/** Where to start reading so the new page joins the lines already known, leaving no gap. */
export function readFrom(known: TaskRecord | undefined, start: number): number {
  return Math.min(start, known?.lines.length ?? 0);
}

/** The record after reading `lines` from position `from` (see readFrom). */
export function mergePage(
  known: TaskRecord | undefined,
  status: TaskSummary,
  from: number,
  page: { lines: TaskLogLine[]; total: number },
): TaskRecord {
  const before = (known?.lines ?? []).slice(0, from);
  // a page shorter than what was known (log rotated, task re-run) must not keep older lines after it
  return { status, lines: [...before, ...page.lines], total: page.total };
}

/** The requested page as far as the record holds it. */
export function pageOf(record: TaskRecord, start: number, limit: number): TaskLogLine[] {
  return record.lines.slice(start, start + limit);
}

/** A finished task whose record holds the requested page in full never needs Proxmox again. */
export function isFinal(record: TaskRecord, start: number, limit: number): boolean {
  if (record.status.status !== 'stopped') return false;
  return record.lines.length >= Math.min(record.total, start + limit);
}
