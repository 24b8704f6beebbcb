import { describe, expect, it } from 'vitest';
import { hasOverruleShutdown, lockedMessage, powerParams } from './container-power.js';

const V9 = { version: '9.1.2' };

describe('hasOverruleShutdown', () => {
  it('is there from PVE 8.2 on', () => {
    expect(hasOverruleShutdown({ version: '8.1.4' })).toBe(false);
    expect(hasOverruleShutdown({ version: '8.2.2' })).toBe(true);
    expect(hasOverruleShutdown({ version: '8.4.1' })).toBe(true);
    expect(hasOverruleShutdown({ version: '7.4.17' })).toBe(false);
    expect(hasOverruleShutdown(V9)).toBe(true);
  });
});

describe('powerParams', () => {
  it('overrules a pending shutdown on a stop where the node supports it', () => {
    expect(powerParams('stop', {}, V9)).toEqual({ 'overrule-shutdown': 1 });
    expect(powerParams('stop', {}, { version: '8.1.10' })).toEqual({});
  });

  it('never overrules for an HA-managed container (PVE: not applicable for HA resources)', () => {
    expect(powerParams('stop', { hastate: 'started' }, V9)).toEqual({});
  });

  it("sends PVE's shutdown defaults and forceStop only when asked", () => {
    expect(powerParams('shutdown', {}, undefined)).toEqual({ timeout: 60 });
    expect(powerParams('shutdown', {}, undefined, { timeout: 0, forceStop: true })).toEqual({
      timeout: 0,
      forceStop: 1,
    });
    expect(powerParams('start', {}, V9)).toEqual({});
  });

  it('names the lock in the 409 text', () => {
    expect(lockedMessage(101, 'start', 'backup')).toContain('CT 101 is locked (backup)');
  });
});
