import { describe, expect, it } from 'vitest';
import { ProxmoxError } from './proxmox.errors.js';

describe('ProxmoxError', () => {
  it('keeps its code and details', () => {
    const error = new ProxmoxError('locked', 'CT is locked (create)', { lock: 'create' });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('locked');
    expect(error.details.lock).toBe('create');
  });
});
