import { describe, expect, it } from 'vitest';
import type { PlanSubject } from './plan-actions.js';
import { judgeTarget, type JudgeInput } from './plan-targets.js';

const GUEST: PlanSubject = {
  vmid: 101,
  name: 'web-1',
  node: 'pve1',
  status: 'running',
  template: false,
  tags: ['web'],
};
const ALL = { '/': { 'VM.PowerMgmt': 1, 'VM.Allocate': 1 } };
const judge = (over: Partial<JudgeInput>) =>
  judgeTarget({
    action: 'stop',
    params: {},
    guest: GUEST,
    permissions: ALL,
    role: 'admin',
    ...over,
  });

describe('judgeTarget', () => {
  it('allows what both the token and the role allow, with no warnings', () => {
    expect(judge({})).toEqual({ allowed: true, reason: undefined, warnings: [], skip: false });
  });

  it('names the missing privilege and the path, inherited grants included', () => {
    expect(judge({ permissions: { '/vms': { 'VM.Audit': 1 } } }).reason).toBe(
      'The Proxmox token lacks VM.PowerMgmt on /vms/101',
    );
    expect(judge({ permissions: { '/vms': { 'VM.PowerMgmt': 1 } } }).allowed).toBe(true);
    expect(judge({ permissions: { '/vms/101': { 'VM.PowerMgmt': 0 } } }).allowed).toBe(true);
    expect(judge({ action: 'delete', permissions: { '/': { 'VM.PowerMgmt': 1 } } }).reason).toBe(
      'The Proxmox token lacks VM.Allocate on /vms/101',
    );
  });

  it('needs admin to delete and operator for power actions', () => {
    expect(judge({ role: 'viewer' }).reason).toMatch(/role viewer may not stop; it needs operator/);
    expect(judge({ action: 'delete', role: 'operator', params: { force: true } }).reason).toMatch(
      /needs admin/,
    );
  });

  it('warns about protection (delete only), locks and HA', () => {
    const locked = { ...GUEST, lock: 'backup', hastate: 'started' };
    const codes = (i: Partial<JudgeInput>) => judge(i).warnings.map((w) => w.code);
    expect(codes({ guest: locked })).toEqual(['locked', 'ha-managed']);
    expect(codes({ facts: { protected: true } })).toEqual([]);
    expect(
      codes({ action: 'delete', facts: { protected: true }, params: { force: true } }),
    ).toEqual(['protected']);
    expect(judge({ guest: locked }).warnings[0].message).toMatch(/locked \(backup\)/);
  });

  it('skips targets already in the target state, and running CTs of a delete without force', () => {
    const stopped = { ...GUEST, status: 'stopped' };
    expect(judge({ guest: stopped }).skip).toBe(true);
    expect(judge({ action: 'shutdown', guest: stopped }).skip).toBe(true);
    expect(judge({ action: 'reboot', guest: stopped }).skip).toBe(true);
    expect(judge({ action: 'start' }).skip).toBe(true);
    expect(judge({ action: 'start', guest: { ...stopped, template: true } }).skip).toBe(true);
    expect(judge({ action: 'start', guest: stopped }).skip).toBe(false);
    expect(judge({ action: 'delete' }).skip).toBe(true);
    expect(judge({ action: 'delete', params: { force: true } }).skip).toBe(false);
    expect(judge({ action: 'delete', guest: stopped }).skip).toBe(false);
  });

  it('warns before deleting a CT whose last backup is older than staleDays, or that has none', () => {
    const del = (facts: JudgeInput['facts'], staleDays?: number) =>
      judge({ action: 'delete', params: { force: true, staleDays }, facts }).warnings;
    expect(del({ backupAgeDays: 8.5 })).toEqual([
      { code: 'stale-backup', message: 'last backup 8.5 days ago (older than 7 days)' },
    ]);
    expect(del({ backupAgeDays: 8.5 }, 10)).toEqual([]);
    expect(del({ backupAgeDays: 2 })).toEqual([]);
    expect(del({ backupAgeDays: null })[0].message).toMatch(/never backed up/);
    expect(del({})).toEqual([]);
    expect(del({ backupAgeDays: null, backupsHiddenOn: ['local', 'nfs'] })[0].message).toBe(
      'no backup found, but the token cannot see its backups on local, nfs (it needs Datastore.AllocateSpace there and VM.Backup on the CT)',
    );
    expect(del({ backupAgeDays: 9, backupsHiddenOn: ['nfs'] })[0].message).toMatch(
      /^last backup 9 days ago \(older than 7 days\); the token cannot see its backups on nfs/,
    );
    expect(judge({ action: 'stop', facts: { backupAgeDays: null } }).warnings).toEqual([]);
  });

  it('skips a snapshot whose name exists and a tag change that changes nothing', () => {
    const snap = (snapshotExists: boolean) =>
      judge({ action: 'snapshot', params: { name: 'pre' }, facts: { snapshotExists } });
    expect(snap(true)).toMatchObject({ skip: true, warnings: [{ code: 'skipped' }] });
    expect(snap(true).warnings[0].message).toBe("already has a snapshot named 'pre': skipped");
    expect(snap(false).skip).toBe(false);
    const tag = (add: string[], remove: string[] = []) =>
      judge({ action: 'tag', params: { add, remove } }).skip;
    expect(tag(['WEB'])).toBe(true);
    expect(tag(['db'])).toBe(false);
    expect(tag([], ['web'])).toBe(false);
    expect(tag([], ['dev'])).toBe(true);
  });

  it('needs the storage privilege for a backup, and names a storage the node lacks', () => {
    const perms = { '/vms': { 'VM.Backup': 1 } };
    const backup = (facts: JudgeInput['facts']) =>
      judge({ action: 'backup', permissions: perms, facts });
    expect(backup({ storage: 'local' }).reason).toBe(
      'The Proxmox token lacks Datastore.AllocateSpace on /storage/local',
    );
    expect(
      judge({
        action: 'backup',
        permissions: { ...perms, '/storage/local': { 'Datastore.AllocateSpace': 1 } },
        facts: { storage: 'local' },
      }).allowed,
    ).toBe(true);
    expect(
      backup({ storageProblem: 'Node pve2 has no storage that allows backups' }),
    ).toMatchObject({
      allowed: false,
      reason: 'Node pve2 has no storage that allows backups',
    });
  });

  it('needs admin to change tags, as PATCH /api/containers/{vmid} does', () => {
    const perms = { '/': { 'VM.Config.Options': 1 } };
    const tag = (role: JudgeInput['role']) =>
      judge({ action: 'tag', role, permissions: perms, params: { add: ['x'] } });
    expect(tag('operator').reason).toMatch(/needs admin/);
    expect(tag('admin').allowed).toBe(true);
  });
});
