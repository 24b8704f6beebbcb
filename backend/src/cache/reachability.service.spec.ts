import { describe, expect, it } from 'vitest';
import { ProxmoxError } from '../proxmox/proxmox.errors.js';
import { type ConnectionStatus, ReachabilityService } from './reachability.service.js';

const refused = new ProxmoxError('unreachable', 'GET /version: cannot connect (ECONNREFUSED)');
const pinMismatch = new ProxmoxError('tls', 'TLS fingerprint mismatch', {
  reason: 'fingerprint-mismatch',
  presentedFingerprint: 'AB:CD',
});
const nodeDown = new ProxmoxError('unreachable', "node 'pve2' is unreachable", {
  status: 595,
  node: 'pve2',
});

function tracker(): { r: ReachabilityService; seen: ConnectionStatus[] } {
  const r = new ReachabilityService();
  const seen: ConnectionStatus[] = [];
  r.changes$.subscribe((s) => seen.push(s));
  return { r, seen };
}

describe('ReachabilityService', () => {
  it('goes offline on a connection failure and back online on the next success', () => {
    const { r, seen } = tracker();
    r.recordSuccess([]);
    r.recordFailure(refused);
    expect(r.current()).toMatchObject({ state: 'offline', reason: 'unreachable' });
    expect(r.current().lastContact).not.toBeNull();
    r.recordSuccess([]);
    expect(seen.map((s) => s.state)).toEqual(['offline', 'online']);
  });

  it('reports a changed certificate with its detail and the presented fingerprint', () => {
    const { r } = tracker();
    r.recordFailure(pinMismatch);
    expect(r.current()).toMatchObject({
      state: 'offline',
      reason: 'tls',
      detail: 'fingerprint-mismatch',
    });
    expect(r.current().message).toMatch(/fingerprint changed.*AB:CD/);
  });

  it('is degraded, not offline, when one node answers 59x', () => {
    const { r } = tracker();
    r.recordFailure(nodeDown);
    expect(r.current()).toMatchObject({ state: 'degraded', offlineNodes: ['pve2'] });
    expect(() => r.assertWritable()).not.toThrow();
  });

  it('ignores answers that are not about the connection (403, 500)', () => {
    const { r, seen } = tracker();
    r.recordFailure(new ProxmoxError('permission', 'Permission check failed'));
    r.recordFailure(new ProxmoxError('upstream', 'Proxmox answered 500', { status: 500 }));
    expect(r.current().state).toBe('online');
    expect(seen).toEqual([]);
  });

  it('emits once per change, not on every contact', () => {
    const { r, seen } = tracker();
    r.recordFailure(refused);
    r.recordFailure(refused);
    r.recordSuccess(['pve3']);
    r.recordSuccess(['pve3']);
    expect(seen.map((s) => [s.state, s.offlineNodes])).toEqual([
      ['offline', []],
      ['degraded', ['pve3']],
    ]);
  });

  it('refuses writes while offline with the reason the filter maps to 503', () => {
    const { r } = tracker();
    r.recordFailure(new ProxmoxError('timeout', 'GET /cluster/resources: no answer in time'));
    expect(() => r.assertWritable()).toThrow(ProxmoxError);
    try {
      r.assertWritable();
    } catch (error) {
      expect((error as ProxmoxError).code, 'timeouts refuse as unreachable (503), not 504').toBe(
        'unreachable',
      );
      expect((error as ProxmoxError).message).toMatch(/offline since/);
    }
    r.recordFailure(pinMismatch);
    expect(() => r.assertWritable()).toThrow(expect.objectContaining({ code: 'tls' }));
  });

  it('keeps the newest last contact, also one known from the disk cache', () => {
    const { r } = tracker();
    r.noteLastContact(1_000);
    expect(r.current().lastContact).toBe(1_000);
    r.noteLastContact(500);
    expect(r.current().lastContact).toBe(1_000);
  });

  it('makes only THAT node unreachable when a call about it times out or answers 59x', () => {
    const { r } = tracker();
    r.recordSuccess([]);
    const timeout = new ProxmoxError('timeout', 'GET /nodes/pve3/status: no answer in time');
    r.learn({ node: 'pve3', error: timeout });
    r.learn({ node: 'pve1', error: new ProxmoxError('unreachable', 'x', { status: 596 }) });
    expect(r.current()).toMatchObject({
      state: 'degraded',
      reason: 'node-offline',
      offlineNodes: ['pve1', 'pve3'],
      unreachableNodes: ['pve1', 'pve3'],
    });
    expect(r.current().message).toMatch(/pve1, pve3 not answering/);
    expect(() => r.assertWritable()).not.toThrow();
    expect(() => r.assertNodeWritable('pve2')).not.toThrow();
    expect(() => r.assertNodeWritable('pve3')).toThrow(
      expect.objectContaining({ code: 'unreachable', details: { node: 'pve3' } }),
    );
    r.recordSuccess([]);
    expect(r.current().unreachableNodes, 'the cluster view alone does not clear it').toEqual([
      'pve1',
      'pve3',
    ]);
    r.learn({ node: 'pve3' });
    expect(r.current()).toMatchObject({ state: 'degraded', unreachableNodes: ['pve1'] });
  });

  it('goes offline when the endpoint fails on a node call (no connection, TLS, auth)', () => {
    const { r } = tracker();
    r.learn({ node: 'pve1', error: refused });
    expect(r.current()).toMatchObject({ state: 'offline', reason: 'unreachable' });
    r.learn({ node: 'pve1', error: new ProxmoxError('auth', 'no', { status: 401 }) });
    expect(r.current()).toMatchObject({ state: 'offline', reason: 'auth' });
  });

  it('goes offline on a timeout of a cluster-wide call', () => {
    const { r } = tracker();
    r.learn({ error: new ProxmoxError('timeout', 'GET /cluster/resources: no answer in time') });
    expect(r.current()).toMatchObject({ state: 'offline', reason: 'timeout' });
  });

  it('drops a node mark the cluster view explains, so its return clears it', () => {
    const { r } = tracker();
    r.recordFailure(nodeDown);
    r.recordSuccess(['pve2']);
    expect(r.current()).toMatchObject({ offlineNodes: ['pve2'], unreachableNodes: [] });
    r.recordSuccess([]);
    expect(r.current().state).toBe('online');
  });

  it('takes any HTTP answer as contact: offline ends even on a 403', () => {
    const { r } = tracker();
    r.recordFailure(refused);
    r.learn({ error: new ProxmoxError('permission', 'no', { status: 403 }) });
    expect(r.current().state).toBe('online');
  });
});
