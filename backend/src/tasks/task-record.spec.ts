import { describe, expect, it } from 'vitest';
import type { TaskLogLine, TaskSummary } from '../proxmox/proxmox.types.js';
import { isFinal, mergePage, pageOf, readFrom, type TaskRecord } from './task-record.js';

const running = { status: 'running' } as TaskSummary;
const stopped = { status: 'stopped', exitstatus: 'OK' } as TaskSummary;
const lines = (from: number, to: number): TaskLogLine[] =>
  Array.from({ length: to - from }, (_, i) => ({ n: from + i + 1, t: `line ${from + i + 1}` }));

describe('a task record followed the way the UI tails a running task', () => {
  it('grows by each new page and serves any page it holds', () => {
    let record = mergePage(undefined, running, readFrom(undefined, 0), {
      lines: lines(0, 3),
      total: 3,
    });
    expect(readFrom(record, 3), 'the next poll asks only for new lines').toBe(3);
    record = mergePage(record, stopped, 3, { lines: lines(3, 5), total: 5 });
    expect(record.lines).toEqual(lines(0, 5));
    expect(pageOf(record, 0, 500), 'a reload reads from the first line').toEqual(lines(0, 5));
    expect(pageOf(record, 2, 2)).toEqual(lines(2, 4));
  });

  it('reads from the end of what it knows when asked past it, so no gap is left', () => {
    const record: TaskRecord = { status: running, lines: lines(0, 2), total: 2 };
    expect(readFrom(record, 10)).toBe(2);
    const merged = mergePage(record, running, 2, { lines: lines(2, 12), total: 12 });
    expect(pageOf(merged, 10, 5)).toEqual(lines(10, 12));
  });

  it('drops what it knew after a page that starts earlier, taking the newer answer', () => {
    const record: TaskRecord = { status: running, lines: lines(0, 4), total: 4 };
    const merged = mergePage(record, running, 1, { lines: [{ n: 2, t: 'changed' }], total: 2 });
    expect(merged.lines).toEqual([...lines(0, 1), { n: 2, t: 'changed' }]);
  });
});

describe('isFinal', () => {
  const done: TaskRecord = { status: stopped, lines: lines(0, 5), total: 5 };

  it('holds for a finished task whose requested page is complete', () => {
    expect(isFinal(done, 0, 500)).toBe(true);
    expect(isFinal(done, 5, 500), 'past the end: an empty page is complete').toBe(true);
  });

  it('does not hold for a running task, or a finished one read only in part', () => {
    expect(isFinal({ ...done, status: running }, 0, 500)).toBe(false);
    expect(isFinal({ ...done, total: 900 }, 0, 500)).toBe(false);
    expect(isFinal({ ...done, total: 900 }, 0, 5)).toBe(true);
  });
});
