import { describe, expect, it } from 'vitest';
import { roleAllows, roleHint } from './roles';

describe('roleAllows', () => {
  it('lets higher roles do what lower roles may', () => {
    expect(roleAllows('admin', 'operator')).toBe(true);
    expect(roleAllows('operator', 'operator')).toBe(true);
    expect(roleAllows('operator', 'viewer')).toBe(true);
  });

  it('refuses lower roles and unknown callers', () => {
    expect(roleAllows('viewer', 'operator')).toBe(false);
    expect(roleAllows('operator', 'admin')).toBe(false);
    expect(roleAllows(null, 'viewer')).toBe(false);
  });
});

describe('roleHint', () => {
  it('names the role an action needs, and says nothing when allowed', () => {
    expect(roleHint('viewer', 'operator')).toBe('Needs the operator role');
    expect(roleHint('admin', 'operator')).toBe('');
  });
});
