import { describe, expect, it } from 'vitest';
import type { TaskSummary } from '../proxmox/proxmox.types.js';
import { clock, type DownCandidate, explainDown } from './correlation.js';

const runningAt = Date.UTC(2026, 11, 6, 14, 0, 0);
const c = (extra: Partial<DownCandidate> = {}): DownCandidate => ({
  vmid: 101,
  node: 'pve1',
  runningAt,
  locks: [],
  hastates: [],
  ...extra,
});
const task = (type: string, extra: Partial<TaskSummary> = {}): TaskSummary => ({
  upid: `UPID:pve1:1:1:1:${type}:101:bob@pve:`,
  node: 'pve1',
  type,
  id: '101',
  user: 'bob@pve',
  starttime: runningAt / 1000 + 10,
  endtime: runningAt / 1000 + 12,
  status: 'stopped',
  exitstatus: 'OK',
  ...extra,
});

describe('explainDown', () => {
  it('names the console user of a stop in the window', () => {
    const at = runningAt + 30_000;
    const actions = [{ at, actor: 'alice', action: 'stop', upid: null, result: 'ok', endedAt: at }];
    expect(explainDown(c(), actions, [])).toBe(
      `stop by alice via console at ${clock(at)}; not alerted`,
    );
  });

  it('ignores a console stop that ended before the CT was last seen running', () => {
    const at = runningAt - 60_000;
    const actions = [{ at, actor: 'alice', action: 'stop', upid: null, result: 'ok', endedAt: at }];
    expect(explainDown(c(), actions, [])).toBeUndefined();
  });

  it('takes a vzdump of a backup job (no id) on the CT node, a migration and HA relocation as explanations', () => {
    expect(
      explainDown(c(), [], [task('vzdump', { id: '', status: 'running', endtime: undefined })]),
    ).toMatch(/^backup \(vzdump\) by bob@pve via Proxmox \(task vzdump\)/);
    expect(explainDown(c(), [], [task('vzmigrate')])).toMatch(/^migrate by bob@pve/);
    expect(explainDown(c(), [], [task('harelocate', { user: 'root@pam' })])).toMatch(
      /^HA relocation by root@pam/,
    );
  });

  it('does not take a task about another CT, or one over before the CT last ran', () => {
    expect(explainDown(c(), [], [task('vzstop', { id: '102' })])).toBeUndefined();
    expect(
      explainDown(c(), [], [task('vzstop', { endtime: runningAt / 1000 - 60 })]),
    ).toBeUndefined();
  });

  it('credits the console user when the task is one the console started', () => {
    const t = task('vzshutdown', { user: 'proxicloud@pve' });
    const actions = [
      {
        at: runningAt - 600_000,
        actor: 'carol',
        action: 'other',
        upid: t.upid,
        result: 'ok',
        endedAt: null,
      },
    ];
    expect(explainDown(c(), actions, [t])).toMatch(
      /^shutdown by carol via console \(task vzshutdown\)/,
    );
  });

  it('explains by the backup lock and by an HA request without reading tasks', () => {
    expect(explainDown(c({ locks: ['backup'] }), [], undefined)).toBe(
      'a backup (vzdump) held the backup lock; not alerted',
    );
    expect(explainDown(c({ hastates: ['stopped'] }), [], undefined)).toBe(
      "HA requested state 'stopped'; not alerted",
    );
  });
});
