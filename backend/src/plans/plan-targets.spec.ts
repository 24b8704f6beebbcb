import { describe, expect, it } from 'vitest';
import type { PlanSubject } from './plan-actions.js';
import { judgeTarget, type JudgeInput } from './plan-targets.js';

const GUEST: PlanSubject = {
  vmid: 101,
  name: 'web-1',
  node: 'pve1',
  status: 'running',
  template: false,
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
    expect(codes({ protected: true })).toEqual([]);
    expect(codes({ action: 'delete', protected: true, params: { force: true } })).toEqual([
      'protected',
    ]);
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
});
