import { describe, expect, it } from 'vitest';
import { ProxmoxError } from '../proxmox/proxmox.errors.js';
import type { PveGuest, PveNode } from '../proxmox/proxmox.types.js';
import { RuleEngine } from './rule-engine.js';
import type { RuleSpec } from './rule-spec.js';

const rule = (id: number, kind: RuleSpec['kind'], extra: Partial<RuleSpec> = {}): RuleSpec => ({
  id,
  name: kind,
  kind,
  severity: 'critical',
  scopeKind: 'all',
  scopeValue: null,
  threshold: null,
  forS: 0,
  ...extra,
});

const node = (name: string, status = 'online'): PveNode =>
  ({
    node: name,
    status,
    cpu: 0,
    maxcpu: 4,
    mem: 0,
    maxmem: 1,
    disk: 0,
    maxdisk: 1,
    uptime: 1,
  }) as PveNode;

const ct = (vmid: number, status: string, extra: Partial<PveGuest> = {}): PveGuest =>
  ({
    vmid,
    type: 'lxc',
    node: 'pve1',
    name: `ct${vmid}`,
    status,
    cpu: 0.1,
    maxcpu: 1,
    mem: 50,
    maxmem: 100,
    disk: 10,
    maxdisk: 100,
    netin: 0,
    netout: 0,
    diskread: 0,
    diskwrite: 0,
    uptime: 5,
    template: false,
    tags: [],
    ...extra,
  }) as PveGuest;

const ok = (at: number, guests: PveGuest[], nodes = [node('pve1')]) =>
  ({ ok: true, at, guests, nodes }) as const;

describe('RuleEngine', () => {
  it('reports a running CT that stopped as a down candidate once, and forgets it when it runs again', () => {
    const e = new RuleEngine();
    expect(e.observe(ok(1000, [ct(101, 'running')]))).toEqual([]);
    const down = e.observe(ok(2000, [ct(101, 'stopped')]));
    expect(down.map((d) => [d.vmid, d.runningAt])).toEqual([[101, 1000]]);
    expect(e.observe(ok(3000, [ct(101, 'stopped')]))).toEqual([]);
    e.observe(ok(4000, [ct(101, 'running')]));
    expect(e.conditions([rule(1, 'container-down')], 4000).holding).toEqual([]);
  });

  it('takes a CT running in the view the last run persisted and stopped at the first cycle for down, once', () => {
    const e = new RuleEngine();
    e.resume({ at: 500, guests: [ct(101, 'running'), ct(102, 'stopped'), ct(103, 'running')] });
    const down = e.observe(ok(2000, [ct(101, 'stopped'), ct(102, 'stopped'), ct(103, 'running')]));
    expect(down.map((d) => [d.vmid, d.runningAt])).toEqual([[101, 500]]);
    e.explain(101, undefined);
    const held = e.conditions([rule(1, 'container-down')], 2000).holding;
    expect(held.map((c) => c.message)).toEqual([
      'CT 101 (ct101) on pve1 stopped while the console was not running; nothing the console, a plan or Proxmox did explains it',
    ]);
    e.observe(ok(3000, [ct(101, 'running'), ct(102, 'stopped'), ct(103, 'stopped')]));
    const later = e.conditions([rule(1, 'container-down')], 3000).holding;
    expect(later.map((c) => c.message)).toEqual([
      'CT 103 (ct103) on pve1 stopped; nothing the console, a plan or Proxmox did explains it',
    ]);
  });

  it('ignores the persisted view once a cycle was seen', () => {
    const e = new RuleEngine();
    e.observe(ok(1000, [ct(101, 'stopped')]));
    e.resume({ at: 500, guests: [ct(101, 'running')] });
    expect(e.observe(ok(2000, [ct(101, 'stopped')]))).toEqual([]);
  });

  it('does not take CTs of an offline node (status unknown) for down', () => {
    const e = new RuleEngine();
    e.observe(ok(1000, [ct(101, 'running')]));
    expect(e.observe(ok(2000, [ct(101, 'unknown')], [node('pve1', 'offline')]))).toEqual([]);
    expect(e.observe(ok(3000, [], [node('pve1', 'offline')]))).toEqual([]);
    const held = e.conditions([rule(1, 'node-offline')], 3000).holding;
    expect(held.map((c) => c.key)).toEqual(['1:node/pve1']);
  });

  it('fires proxmox-unreachable only after N failed cycles in a row and keeps CT rules unjudged meanwhile', () => {
    const e = new RuleEngine();
    const rules = [rule(1, 'proxmox-unreachable', { threshold: 2 }), rule(2, 'container-down')];
    e.observe(ok(0, [ct(101, 'running')]));
    e.observe({ ok: false, at: 1, error: new Error('ECONNREFUSED') });
    expect(e.conditions(rules, 1)).toEqual({ judged: new Set([1]), holding: [] });
    e.observe({ ok: false, at: 2, error: new Error('ECONNREFUSED') });
    const { holding } = e.conditions(rules, 2);
    expect(holding.map((c) => c.message)).toEqual([
      'Proxmox did not answer 2 collection cycles in a row: ECONNREFUSED',
    ]);
  });

  it('fires certificate-changed on a fingerprint mismatch only', () => {
    const e = new RuleEngine();
    const rules = [rule(4, 'certificate-changed')];
    e.observe({ ok: false, at: 1, error: new ProxmoxError('unreachable', 'down') });
    expect(e.conditions(rules, 1).holding).toEqual([]);
    const mismatch = new ProxmoxError('tls', 'pinned fingerprint differs', {
      reason: 'fingerprint-mismatch',
    });
    e.observe({ ok: false, at: 2, error: mismatch });
    expect(e.conditions(rules, 2).holding.map((c) => c.key)).toEqual(['4:certificate']);
  });

  it("holds a threshold condition for the rule's duration before it counts", () => {
    const e = new RuleEngine();
    const r = rule(5, 'memory', { threshold: 80, forS: 60, scopeKind: 'tag', scopeValue: 'db' });
    const hot = [ct(101, 'running', { mem: 90, tags: ['db'] }), ct(102, 'running', { mem: 95 })];
    e.observe(ok(0, hot));
    expect(e.conditions([r], 0).holding).toEqual([]);
    expect(e.conditions([r], 59_000).holding).toEqual([]);
    const [c] = e.conditions([r], 60_000).holding;
    expect(c.key).toBe('5:ct/101');
    expect(c.message).toBe('CT 101 (ct101) memory at 90%, above 80%');
  });

  it('reads the desired state from the pxc.expect tag', () => {
    const e = new RuleEngine();
    e.observe(ok(0, [ct(101, 'stopped', { tags: ['pxc.expect.running'] }), ct(102, 'stopped')]));
    const held = e.conditions([rule(6, 'expect-state')], 0).holding;
    expect(held.map((c) => c.message)).toEqual([
      'CT 101 (ct101) is stopped but its tag says it should be running',
    ]);
  });
});

describe('RuleEngine.restore', () => {
  const open = (key: string, ruleKind: string, extra: Record<string, unknown> = {}) => ({
    key,
    ruleKind,
    vmid: null,
    node: null,
    name: null,
    startsAt: 1_000,
    explanation: null,
    forS: 0,
    threshold: null,
    ...extra,
  });

  it('keeps a CT that was down before the restart down, until it is seen running', () => {
    const e = new RuleEngine();
    const down = rule(1, 'container-down');
    e.restore([open('1:ct/101', 'container-down', { vmid: 101, node: 'pve1', name: 'web' })]);
    e.observe(ok(10_000, [ct(101, 'stopped')]));
    expect(e.conditions([down], 10_000).holding.map((c) => [c.key, c.explanation])).toEqual([
      ['1:ct/101', undefined],
    ]);
    e.observe(ok(12_000, [ct(101, 'running')]));
    expect(e.conditions([down], 12_000).holding).toEqual([]);
  });

  it('keeps the explanation of a suppressed stop', () => {
    const e = new RuleEngine();
    const why = 'stop by alice via console at 14:02; not alerted';
    e.restore([open('1:ct/101', 'container-down', { vmid: 101, explanation: why })]);
    e.observe(ok(10_000, [ct(101, 'stopped')]));
    const [c] = e.conditions([rule(1, 'container-down')], 10_000).holding;
    expect(c.explanation).toBe(why);
  });

  it('counts a threshold condition as holding since its alert fired, not since the restart', () => {
    const e = new RuleEngine();
    const cpu = rule(2, 'memory', { threshold: 10, forS: 600 });
    e.restore([open('2:ct/101', 'memory', { vmid: 101, startsAt: 5_000, forS: 600 })]);
    e.observe(ok(10_000, [ct(101, 'running')]));
    expect(e.conditions([cpu], 10_000).holding.map((c) => c.key)).toEqual(['2:ct/101']);
    const fresh = new RuleEngine();
    fresh.observe(ok(10_000, [ct(101, 'running')]));
    expect(fresh.conditions([cpu], 10_000).holding, 'without restore').toEqual([]);
  });

  it('keeps Proxmox unreachable until a cycle answers', () => {
    const e = new RuleEngine();
    const unreachable = rule(3, 'proxmox-unreachable', { threshold: 3 });
    e.restore([open('3:proxmox', 'proxmox-unreachable', { threshold: 3 })]);
    e.observe({ ok: false, at: 10_000, error: new Error('ECONNREFUSED') });
    expect(e.conditions([unreachable], 10_000).holding[0].message).toBe(
      'Proxmox did not answer 4 collection cycles in a row: ECONNREFUSED',
    );
    e.observe(ok(12_000, [ct(101, 'running')]));
    expect(e.conditions([unreachable], 12_000).holding).toEqual([]);
  });
});

describe('RuleEngine backup-age', () => {
  const DAY = 86_400_000;
  const now = 100 * DAY;
  const age = rule(5, 'backup-age', { threshold: 7 });

  it('fires for CTs whose newest backup is older than the days given, or that have none', () => {
    const e = new RuleEngine();
    e.observe(ok(now, [ct(101, 'running'), ct(102, 'stopped'), ct(103, 'running')]));
    e.knowBackups({
      newest: new Map([
        [101, (now - 3 * DAY) / 1000],
        [102, (now - 9.5 * DAY) / 1000],
      ]),
      fetchedAt: now,
    });
    expect(e.conditions([age], now).holding.map((c) => c.message)).toEqual([
      'CT 102 (ct102) newest backup is 9.5 days old, more than 7 days',
      'CT 103 (ct103) has no backup, more than 7 days',
    ]);
  });

  it('is not judged while no backup list was ever read', () => {
    const e = new RuleEngine();
    e.observe(ok(now, [ct(101, 'running')]));
    e.knowBackups(undefined);
    expect(e.conditions([age], now).judged.has(5)).toBe(false);
  });
});
