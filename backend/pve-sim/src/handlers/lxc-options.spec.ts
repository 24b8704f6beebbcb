import { describe, expect, it } from 'vitest';
import { normalizeNet, normalizeTags, ostypeOf, privilegeForKey } from './lxc-options.js';

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

  it('asks for the VM.Config privilege that matches each key', () => {
    expect(privilegeForKey('cores')).toBe('VM.Config.CPU');
    expect(privilegeForKey('memory')).toBe('VM.Config.Memory');
    expect(privilegeForKey('net1')).toBe('VM.Config.Network');
    expect(privilegeForKey('mp0')).toBe('VM.Config.Disk');
    expect(privilegeForKey('description')).toBe('VM.Config.Options');
  });

  it('derives ostype from the template file name', () => {
    expect(ostypeOf('local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst')).toBe('debian');
    expect(ostypeOf('local:vztmpl/rockylinux-9-default_20240912_amd64.tar.xz')).toBe('centos');
  });
});
