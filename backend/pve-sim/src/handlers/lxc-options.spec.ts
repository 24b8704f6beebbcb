import { describe, expect, it } from 'vitest';
import { normalizeNet, normalizeTags, ostypeOf } from './lxc-options.js';

describe('CT config normalisation', () => {
  it('adds hwaddr and type=veth to a net[n] value and keeps name first', () => {
    expect(normalizeNet('name=eth0,bridge=vmbr0,ip=dhcp', () => 'BC:24:11:00:00:01')).toBe(
      'name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01,ip=dhcp,type=veth',
    );
  });

  it('keeps a given hwaddr', () => {
    expect(normalizeNet('name=eth0,hwaddr=AA:BB:CC:DD:EE:FF', () => 'x')).toContain(
      'hwaddr=AA:BB:CC:DD:EE:FF',
    );
  });

  it('stores tags ;-separated, lower-cased and sorted (get_unique_tags)', () => {
    expect(normalizeTags('Web, prod;web')).toBe('prod;web');
  });

  it('derives ostype from the template file name', () => {
    expect(ostypeOf('local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst')).toBe('debian');
    expect(ostypeOf('local:vztmpl/rockylinux-9-default_20240912_amd64.tar.xz')).toBe('centos');
  });
});
