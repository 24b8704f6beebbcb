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

  it('passes tracked outcomes through unchanged', async () => {
    const { r } = tracker();
    await expect(r.track(Promise.resolve(42))).resolves.toBe(42);
    await expect(r.track(Promise.reject(refused))).rejects.toBe(refused);
    expect(r.isOffline()).toBe(true);
  });
});
