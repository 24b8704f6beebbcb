import { describe, expect, it } from 'vitest';
import { haMessage, haProgress, haRequestOf } from './ha-request.js';
import type { PveGuest } from './proxmox.types.js';

const guest = (over: Partial<PveGuest>): PveGuest =>
  ({ vmid: 108, node: 'pve2', type: 'lxc', status: 'stopped', ...over }) as PveGuest;

describe('HA requests (hastart / hastop tasks)', () => {
  it('knows only hastart and hastop as requests', () => {
    expect(haRequestOf({ type: 'hastart' })).toEqual({ action: 'start', until: 'running' });
    expect(haRequestOf({ type: 'hastop' })).toEqual({ action: 'stop', until: 'stopped' });
    expect(haRequestOf({ type: 'vzstart' })).toBeUndefined();
  });

  it('is done only when the guest status matches, not when the HA state says started', () => {
    const start = haRequestOf({ type: 'hastart' })!;
    expect(haProgress(start, guest({ hastate: 'started', status: 'stopped' }))).toBe('requested');
    expect(haProgress(start, guest({ hastate: 'started', status: 'running' }))).toBe('done');
    expect(haProgress(start, undefined)).toBe('requested');
  });

  it('fails when the HA manager put the service in error or fence', () => {
    const stop = haRequestOf({ type: 'hastop' })!;
    const g = guest({ status: 'running', hastate: 'error' });
    expect(haProgress(stop, g)).toBe('failed');
    expect(haMessage(stop, 'failed', g)).toBe('HA: stop failed (HA state error)');
  });

  it('words the pending request as "HA: start requested"', () => {
    const start = haRequestOf({ type: 'hastart' })!;
    expect(haMessage(start, 'requested')).toBe('HA: start requested');
    expect(haMessage(start, 'done')).toBe('HA: start done, the CT is running');
  });
});
