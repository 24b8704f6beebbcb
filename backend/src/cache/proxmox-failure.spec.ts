import { describe, expect, it } from 'vitest';
import { ProxmoxError } from '../proxmox/proxmox.errors.js';
import {
  canServeStale,
  connectionFailure,
  ReadDeadlineError,
  unreachableNode,
  withDeadline,
} from './proxmox-failure.js';

describe('Proxmox failure classification', () => {
  it('tells a node down behind pveproxy from Proxmox being away', () => {
    const node = new ProxmoxError('unreachable', 'no route', { status: 595, node: 'pve2' });
    const whole = new ProxmoxError('unreachable', 'ECONNREFUSED');
    expect(unreachableNode(node)).toBe('pve2');
    expect(connectionFailure(node)).toBeUndefined();
    expect(unreachableNode(whole)).toBeUndefined();
    expect(connectionFailure(whole)).toBe(whole);
  });

  it('serves stale data for connection failures, 5xx and slow answers, never for 403/404', () => {
    expect(canServeStale(new ProxmoxError('auth', 'x'))).toBe(true);
    expect(canServeStale(new ProxmoxError('upstream', 'x', { status: 500 }))).toBe(true);
    expect(canServeStale(new ReadDeadlineError(1000))).toBe(true);
    expect(canServeStale(new ProxmoxError('permission', 'x'))).toBe(false);
    expect(canServeStale(new ProxmoxError('not-found', 'x'))).toBe(false);
    expect(canServeStale(new Error('bug'))).toBe(false);
  });

  it('gives up waiting at the deadline but passes a fast answer on', async () => {
    await expect(withDeadline(Promise.resolve('ok'), 50)).resolves.toBe('ok');
    const slow = new Promise((r) => setTimeout(() => r('late'), 200));
    await expect(withDeadline(slow, 20)).rejects.toBeInstanceOf(ReadDeadlineError);
    await expect(withDeadline(slow, 0)).rejects.toBeInstanceOf(ReadDeadlineError);
  });
});
