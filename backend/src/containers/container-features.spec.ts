import { describe, expect, it } from 'vitest';
import { DomainError } from '../common/domain-errors.js';
import { assertFeatureFlagsAllowed } from './container-features.js';

function refusal(dto: Parameters<typeof assertFeatureFlagsAllowed>[0]): DomainError {
  try {
    assertFeatureFlagsAllowed(dto);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('accepted');
}

describe('assertFeatureFlagsAllowed', () => {
  it('accepts nesting on an unprivileged container and no flags at all', () => {
    expect(() => assertFeatureFlagsAllowed({ nesting: true })).not.toThrow();
    expect(() => assertFeatureFlagsAllowed({ nesting: true, unprivileged: true })).not.toThrow();
    expect(() => assertFeatureFlagsAllowed({ unprivileged: false, keyctl: false })).not.toThrow();
  });

  it('refuses keyctl naming the flag and the pct command to run on the host', () => {
    const error = refusal({ vmid: 120, nesting: true, keyctl: true });
    expect(error.kind).toBe('bad-request');
    expect(error.fields).toHaveProperty('keyctl');
    expect(error.message).toContain('only the user root@pam');
    expect(error.message).toContain('pct set 120 --features nesting=1,keyctl=1');
  });

  it('uses a placeholder when Proxmox is to choose the vmid', () => {
    expect(refusal({ keyctl: true }).message).toContain('pct set <vmid> --features keyctl=1');
  });

  it('refuses nesting on a privileged container', () => {
    const error = refusal({ vmid: 7, nesting: true, unprivileged: false });
    expect(error.fields).toHaveProperty('nesting');
    expect(error.message).toContain('privileged container');
    expect(error.message).toContain('pct set 7 --features nesting=1');
  });
});
